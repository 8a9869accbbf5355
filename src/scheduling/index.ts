// The scheduling feature's public entry: what other features and the server may use.
export { schedulingRoutes } from './routes.ts';
export { applyClientAnswer, type ClientAnswerStatus } from './appointments/client-answer.ts';
