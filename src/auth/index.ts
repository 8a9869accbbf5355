// The auth feature's public entry: what other features and the server may use.
export {
  issueAccountToken,
  parseAccountToken,
  redeemAccountToken,
  TOKEN_LIFETIME_MINUTES,
} from './account-tokens.ts';
export { registerAuthentication, routeAccess } from './authenticate.ts';
export { actorOf, auditContextOf, requirePermissionFor } from './context.ts';
export { requirePermission, type PermissionNeed, type RoutePermission } from './permission.ts';
export { registerPermissionCheck } from './permission-check.ts';
export { mfaDeviceRoutes } from './mfa/devices-routes.ts';
export { passkeyRoutes } from './mfa/passkey-routes.ts';
export { mfaRoutes } from './mfa/routes.ts';
export { passwordProblems } from './password-check.ts';
export { passwordRoutes } from './password-routes.ts';
export { hashPassword } from './passwords.ts';
export { insertSession, insertUser, revokeUserSessions, selectUserForPolicy } from './queries.ts';
export { registerRequestBudgets } from './request-budgets.ts';
export { hasPermission, type Permission, type Role } from './roles.ts';
export { authRoutes, requestInfo, sessionAnswer, setSessionCookie } from './routes.ts';
export { Email, Label, Name, Password, RoleSchema, SessionAnswer } from './schemas.ts';
export { normalizeEmail, type RequestInfo, type SignedIn } from './service.ts';
export { loadSessionSecret } from './session-secret.ts';
export {
  SESSION_ABSOLUTE_HOURS,
  SESSION_COOKIE,
  encodeSessionValue,
  newSessionToken,
} from './session-token.ts';
