// The audit-log feature's public entry: what other features and the server may use.
export { auditRoutes } from './routes.ts';
