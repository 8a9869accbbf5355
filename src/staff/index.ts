// The staff feature's public entry: what other features and the server may use.
export { staffRoutes } from './routes.ts';
