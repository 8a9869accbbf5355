// The alerts feature's public entry: what other features and the server may use.
export { alertRoutes } from './routes.ts';
