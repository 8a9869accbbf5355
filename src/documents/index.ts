// The documents feature's public entry: what other features and the server may use.
export { documentRoutes } from './routes.ts';
