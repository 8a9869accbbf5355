// The web-serving feature's public entry: what other features and the server may use.
export { webRoutes } from './routes.ts';
