import { fileURLToPath } from 'node:url';
import { Type } from 'typebox';
import { AppError } from '../platform/errors.ts';
import type { HearthApp } from '../platform/http/types.ts';
import { readStaticFile } from './static-files.ts';

/** Where `npm run build:web` writes the browser application. */
export const WEB_DIST_DIR = fileURLToPath(new URL('../../web/dist/', import.meta.url));

// Shown when the browser application has not been built (e.g. a bare `hearth serve` from a
// checkout). No inline script or style: the CSP forbids both.
const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Hearth</title><meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<main>
<h1>Hearth is running</h1>
<p>The browser application has not been built yet: run <code>npm run build:web</code> (or <code>npm start</code>, which builds it), then reload.</p>
<p>The API is described at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p>
</main>
</body>
</html>
`;

// Vite names every file under assets/ by a hash of its content: a changed file gets a new
// name, so these may be kept for a year. Everything else (index.html above all) keeps the
// server-wide no-store, so a new build is picked up at the next load.
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Paths the browser application never owns: they keep the API's JSON 404. */
function isServerPath(path: string): boolean {
  return path.startsWith('/api/') || path === '/api' || path === '/healthz' || path === '/readyz';
}

const notFound = (path: string) =>
  AppError.notFound(`There is no GET route at this address (${path.slice(0, 100)}).`);

/**
 * Serves the built browser application (web/dist): hashed assets with a long cache, other
 * files from the build's root, and index.html for every other GET so that the application's
 * own routes (/clients/…, /reset-password#…) load on a refresh or from an emailed link.
 */
export function webRoutes(options: { distDir?: string } = {}) {
  const root = options.distDir ?? WEB_DIST_DIR;
  // The bytes of a file, sent as they are (never through the JSON serialiser).
  const file = Type.Unsafe<Buffer>({
    type: 'string',
    description: 'A file of the browser application.',
  });
  return async (app: HearthApp) => {
    app.get(
      '/assets/*',
      { schema: { hide: true, response: { 200: file } } },
      async (request, reply) => {
        const path = request.url.split('?')[0] ?? '';
        const found = await readStaticFile(root, path);
        if (!found) throw notFound(path);
        return reply.type(found.contentType).header('cache-control', IMMUTABLE).send(found.body);
      },
    );

    app.get('/*', { schema: { hide: true, response: { 200: file } } }, async (request, reply) => {
      const path = request.url.split('?')[0] ?? '/';
      if (isServerPath(path)) throw notFound(path);
      // A file at the build's root (favicon.svg, robots.txt) is served as it is.
      const direct = path.lastIndexOf('/') === 0 && path.includes('.');
      if (direct) {
        const found = await readStaticFile(root, path);
        if (!found) throw notFound(path);
        return reply.type(found.contentType).send(found.body);
      }
      const index = await readStaticFile(root, '/index.html');
      return reply
        .type('text/html; charset=utf-8')
        .send(index ? index.body : Buffer.from(NOT_BUILT_PAGE));
    });
  };
}
