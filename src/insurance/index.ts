// The insurance feature's public entry: what other features and the server may use.
export { insuranceRoutes } from './routes.ts';
