// The practices feature's public entry: what other features and the server may use.
export { baaRoutes } from './baa/routes.ts';
export { practiceRoutes } from './routes.ts';
export { createPractice, findDemoPractice, practiceTimeZone } from './service.ts';
export { signupRoutes } from './signup/routes.ts';
