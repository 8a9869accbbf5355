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
