import { Type, type Static } from 'typebox';

const ContentType = Type.Union(
  [
    Type.Literal('application/pdf'),
    Type.Literal('image/png'),
    Type.Literal('image/jpeg'),
    Type.Literal('image/heic'),
    Type.Literal('application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
    Type.Literal('text/plain'),
  ],
  { description: 'What the file is, sniffed from its bytes when it was uploaded.' },
);

export const Document = Type.Object(
  {
    id: Type.String(),
    clientId: Type.String(),
    name: Type.String({ description: 'The file name as uploaded, made safe.' }),
    contentType: ContentType,
    size: Type.Integer({ description: 'Bytes.' }),
    preview: Type.Boolean({ description: 'Shown inline (PDF and images); others download.' }),
    uploadedAt: Type.String({ format: 'date-time' }),
    uploadedBy: Type.Object(
      { id: Type.String(), name: Type.String() },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type Document = Static<typeof Document>;

export const DocumentList = Type.Object(
  { items: Type.Array(Document), nextCursor: Type.Null() },
  { additionalProperties: false },
);

export const DocumentListQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 200 })) },
  { additionalProperties: false },
);

export const ContentQuery = Type.Object(
  {
    download: Type.Optional(
      Type.Boolean({ description: 'Always as an attachment, even a PDF or an image.' }),
    ),
  },
  { additionalProperties: false },
);
