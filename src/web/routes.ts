import type { HearthApp } from '../platform/http/types.ts';

// Until the browser application lands, the root answers with a plain page that says the server
// is up and where its API is described. No inline script or style: the CSP forbids both.
const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Hearth</title><meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<main>
<h1>Hearth is running</h1>
<p>The API is described at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p>
</main>
</body>
</html>
`;

export function webRoutes() {
  return async (app: HearthApp) => {
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/html; charset=utf-8').send(PAGE),
    );
  };
}
