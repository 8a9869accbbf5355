import { Type, type Static } from 'typebox';
import { AnyNoteFields } from './fields.ts';
import { TEXT_MAX } from './drafts/templates.ts';

const Uuid = Type.String({ format: 'uuid' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Timestamp = Type.String({ format: 'date-time' });

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const VersionParams = Type.Object(
  { id: Uuid, n: Type.Integer({ minimum: 1, maximum: 1_000_000 }) },
  { additionalProperties: false },
);

export const TemplateId = Type.Union([
  Type.Literal('soap'),
  Type.Literal('dap'),
  Type.Literal('birp'),
  Type.Literal('intake'),
  Type.Literal('treatment_plan'),
  Type.Literal('discharge'),
  Type.Literal('contact'),
]);
export const NoteStatus = Type.Union([
  Type.Literal('draft'),
  Type.Literal('pending_cosign'),
  Type.Literal('signed'),
]);

// Checked against the template in the service (fields.ts), where the message can name the
// template's own fields; here only its outline.
const FieldsInput = Type.Record(Type.String(), Type.Unknown(), {
  maxProperties: 20,
  description: 'The template’s fields (see GET /note-templates).',
});

export const NewNote = Type.Object(
  {
    template: TemplateId,
    fields: FieldsInput,
    dateOfService: Type.Optional(Type.String({ format: 'date' })),
    appointmentId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
);
export type NewNote = Static<typeof NewNote>;

export const NotePatch = Type.Object(
  {
    fields: Type.Optional(FieldsInput),
    dateOfService: Type.Optional(Type.String({ format: 'date' })),
    appointmentId: Type.Optional(Nullable(Uuid)),
    expectedVersion: Type.Optional(
      Type.Integer({
        minimum: 1,
        description: 'The version you edited; a newer one on the server answers 409.',
      }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type NotePatch = Static<typeof NotePatch>;

export const Signature = Type.Object(
  {
    signedBy: Type.String(),
    name: Type.Optional(Type.String({ description: 'The signer’s name (on a whole note).' })),
    credentials: Nullable(Type.String()),
    signedAt: Timestamp,
    sha256: Type.String(),
  },
  { additionalProperties: false },
);

export const NoteHeader = Type.Object(
  {
    id: Type.String(),
    clientId: Type.String(),
    authorId: Type.String(),
    authorName: Type.Optional(Type.String({ description: 'In lists.' })),
    clientName: Type.Optional(
      Type.String({ description: 'In lists: preferred (or first) name and last name.' }),
    ),
    template: TemplateId,
    status: NoteStatus,
    dateOfService: Type.String(),
    appointmentId: Nullable(Type.String()),
    version: Type.Integer(),
    signature: Type.Union([Signature, Type.Null()]),
    cosignRequired: Type.Boolean(),
    cosignature: Type.Union([Signature, Type.Null()]),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { additionalProperties: false },
);
export type NoteHeader = Static<typeof NoteHeader>;

export const Addendum = Type.Object(
  {
    id: Type.String(),
    authorId: Type.String(),
    text: Type.String(),
    signature: Signature,
  },
  { additionalProperties: false },
);
export type Addendum = Static<typeof Addendum>;

export const Note = Type.Object(
  {
    ...NoteHeader.properties,
    fields: AnyNoteFields,
    addenda: Type.Array(Addendum),
    clientChart: Type.Optional(
      Type.Boolean({
        description:
          'Whether the reader may open the client’s chart (a supervisor may read a supervisee’s note about a client outside their reach).',
      }),
    ),
    authorSupervised: Type.Optional(
      Type.Boolean({
        description:
          'Whether the reader is the author’s supervisor (who co-signs), rather than an administrator who may.',
      }),
    ),
  },
  { additionalProperties: false },
);

export const NotePage = Type.Object(
  { items: Type.Array(NoteHeader), nextCursor: Nullable(Type.String()) },
  { additionalProperties: false },
);

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
};

export const ClientNotesQuery = Type.Object(
  { status: Type.Optional(NoteStatus), ...PageQuery },
  { additionalProperties: false },
);

export const NotesQuery = Type.Object(
  {
    authorId: Type.Optional(
      Type.Union([Type.Literal('me'), Uuid], {
        default: 'me',
        description: '`me` (the default), or a supervisee’s id.',
      }),
    ),
    status: Type.Optional(NoteStatus),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type NotesQuery = Static<typeof NotesQuery>;

export const UnlockBody = Type.Object(
  {
    // Optional in the schema so that the service can say exactly what is missing.
    confirm: Type.Optional(Type.Boolean()),
    reason: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

export const AddendumBody = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: TEXT_MAX, pattern: '\\S' }) },
  { additionalProperties: false },
);

export const HistoryKind = Type.Union([
  Type.Literal('edit'),
  Type.Literal('sign'),
  Type.Literal('unlock'),
  Type.Literal('cosign'),
  Type.Literal('addendum'),
]);

export const HistoryEntry = Type.Object(
  {
    n: Type.Integer(),
    kind: HistoryKind,
    actorId: Type.String(),
    actorName: Type.String(),
    at: Timestamp,
    startedAt: Nullable(Timestamp),
    version: Type.Integer(),
    credentials: Nullable(Type.String()),
    sha256: Nullable(Type.String()),
    addendumId: Nullable(Type.String()),
  },
  { additionalProperties: false },
);
export type HistoryEntry = Static<typeof HistoryEntry>;

/** One entry with what it kept: the content of an edit or a signature, an unlock's reason. */
export const HistoryEntryDetail = Type.Object(
  {
    ...HistoryEntry.properties,
    dateOfService: Nullable(Type.String()),
    fields: Type.Union([AnyNoteFields, Type.Null()]),
    reason: Nullable(Type.String()),
  },
  { additionalProperties: false },
);

const FieldDescription = Type.Object(
  {
    name: Type.String(),
    label: Type.String(),
    kind: Type.String(),
    required: Type.Boolean(),
    maxLength: Type.Optional(
      Type.Integer({ description: 'The most characters a text field holds; past it, 400.' }),
    ),
    options: Type.Optional(Type.Array(Type.String())),
    items: Type.Optional(
      Type.Array(
        Type.Object(
          {
            name: Type.String(),
            label: Type.String(),
            kind: Type.String(),
            required: Type.Boolean(),
          },
          { additionalProperties: false },
        ),
      ),
    ),
  },
  { additionalProperties: false },
);

export const TemplateList = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        { id: TemplateId, label: Type.String(), fields: Type.Array(FieldDescription) },
        { additionalProperties: false },
      ),
    ),
    nextCursor: Type.Null(),
  },
  { additionalProperties: false },
);
