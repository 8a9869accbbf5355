// The safety-plans feature's public entry: what other features and the server may use.
export { safetyPlanRoutes } from './routes.ts';
