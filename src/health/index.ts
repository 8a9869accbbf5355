// The health feature's public entry: what other features and the server may use.
export { healthRoutes } from './routes.ts';
