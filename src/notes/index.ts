// The notes feature's public entry: what other features and the server may use.
export { noteRoutes } from './routes.ts';
export { countNotesWaiting, type NotesWaiting } from './waiting.ts';
