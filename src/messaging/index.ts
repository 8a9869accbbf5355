// The messaging feature's public entry: Twilio's webhooks and the delivery log.
export { messagingRoutes } from './routes.ts';
export type { MessagingDeps } from './service.ts';
