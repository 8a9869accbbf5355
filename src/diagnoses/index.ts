// The diagnoses feature's public entry: what other features and the server may use.
export { diagnosisRoutes } from './routes.ts';
