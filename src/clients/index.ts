// The clients feature's public entry: what other features and the server may use.
export { clientRoutes } from './routes.ts';
export {
  inReach,
  notYourClient,
  reachOf,
  refuseReach,
  wholePractice,
  withClientAccess,
  type ClientAccess,
} from './service.ts';
