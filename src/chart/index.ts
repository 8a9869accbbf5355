// The chart feature's public entry: what other features and the server may use.
export { chartRoutes } from './routes.ts';
