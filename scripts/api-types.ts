// Regenerates web/src/api/schema.ts from the server's OpenAPI document (see src/testing/api-types.ts).
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { API_TYPES_FILE, openApiDocument, renderApiTypes } from '../src/testing/api-types.ts';

writeFileSync(API_TYPES_FILE, await renderApiTypes(await openApiDocument()));
console.log(`wrote ${relative(process.cwd(), API_TYPES_FILE)}`);
