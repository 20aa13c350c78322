import { buildClientIfStale } from './build-client-if-stale';

// `npm start`: build the client when it is missing or older than its sources, then run the server.
await buildClientIfStale();
await import('../api/src/main');
