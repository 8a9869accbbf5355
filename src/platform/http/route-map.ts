import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyContextConfig } from 'fastify';
import type { HearthApp } from './types.ts';

export interface RouteEntry {
  method: string;
  url: string;
  config: FastifyContextConfig;
  /** The file that registered the route, relative to the repository (src/…). */
  file: string;
}

const ROOT = resolve(import.meta.dirname, '../../..');
const HERE = fileURLToPath(import.meta.url);
const maps = new WeakMap<HearthApp, RouteEntry[]>();

/**
 * The file that called `app.get(…)`: the first frame of the registration's stack that lies in
 * the repository, outside node_modules and this file. Fastify runs onRoute hooks synchronously
 * inside that call, so the frame is on the stack.
 */
function registeringFile(): string {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 50;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  for (const match of stack.matchAll(/(file:\/\/\/[^\s)]+?):\d+:\d+/g)) {
    const path = fileURLToPath(match[1]!);
    if (path !== HERE && !path.includes('/node_modules/') && path.startsWith(ROOT)) {
      return relative(ROOT, path);
    }
  }
  return 'unknown';
}

/** Records every route as it is registered (its method, path, declared config and file). */
export function recordRoutes(app: HearthApp): void {
  const routes: RouteEntry[] = [];
  maps.set(app, routes);
  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    // Fastify adds a HEAD route for each GET: the GET stands for both.
    if (methods.length === 1 && methods[0] === 'HEAD') return;
    const file = registeringFile();
    for (const method of methods) {
      routes.push({ method, url: route.url, config: route.config ?? {}, file });
    }
  });
}

/** The routes recorded for an app built with recordRoutes, in registration order. */
export function routesOf(app: HearthApp): readonly RouteEntry[] {
  const routes = maps.get(app);
  if (!routes) throw new Error('this app does not record its routes (recordRoutes)');
  return routes;
}
