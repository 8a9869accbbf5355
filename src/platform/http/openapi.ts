import swagger from '@fastify/swagger';
import { Type } from 'typebox';
import type { HearthApp } from './types.ts';

export async function registerOpenApi(app: HearthApp, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Hearth API',
        version,
        description:
          'Practice management for small clinical practices. JSON over HTTPS with a cookie session; errors are `{ "error": { "code", "message" } }`.',
      },
      servers: [{ url: '/' }],
    },
    // Shared schemas keep their $id as their name in components (`ErrorResponse`, not `def-0`),
    // for readers of the document and for the web app's generated types.
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) =>
        typeof json.$id === 'string' ? json.$id : `def-${i}`,
    },
  });
  app.get(
    '/api/v1/openapi.json',
    {
      schema: {
        tags: ['meta'],
        summary: 'This OpenAPI document.',
        response: { 200: Type.Object({}, { additionalProperties: true }) },
      },
    },
    async () => app.swagger(),
  );
}
