import fs from 'node:fs';
import path from 'node:path';
import compression from 'compression';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { AppContext } from './app-context';
import { loadSession } from './auth/session-middleware';
import type { Config } from './config';
import type { Database } from './db/database';
import { buildOpenApiDocument, createApiRegistry } from './http/openapi';
import { declaredBodyTypes } from './http/declared-body-types';
import { refuseNulBytes } from './http/refuse-nul-bytes';
import { requestId } from './http/request-id';
import { sameOriginWrites } from './http/same-origin-writes';
import './http/request-context';
import type { Logger } from './logger';
import { isClientRoute } from '../../contracts/client-routes';
import { CLIENT_DIST_DIR } from './paths';
import { apiNotFoundHandler, notFoundHandler, problemHandler } from './problem';
import { accessRouter } from './routes/access';
import { analysisRouter } from './routes/analysis';
import { publicReleasesRouter } from './routes/public-releases';
import { authRouter } from './routes/auth';
import { healthRouter } from './routes/health';
import { householdsRouter } from './routes/households';
import { matchingRouter } from './routes/matching';
import { relocationPlansRouter } from './routes/relocation-plans';
import { auditLogRouter } from './routes/audit-log';
import { interventionsRouter } from './routes/interventions';
import { layersRouter } from './routes/layers';
import { layerWritesRouter } from './routes/layer-writes';
import { exportsRouter } from './routes/exports';
import { importsRouter } from './routes/imports';
import { pointDistancesRouter } from './routes/point-distances';
import { publicRouter } from './routes/public';
import { publicProgressRouter } from './routes/public-progress';

// Geometries of up to 100,000 vertices (issue 3) fit well inside this.
const JSON_BODY_LIMIT = '10mb';

/** Returns the Express app around an open database; it does not listen (tests pick their own port). */
export function createApp(options: { db: Database; config: Config; logger: Logger }): Express {
  const context: AppContext = { ...options, registry: createApiRegistry() };
  const app = express();
  app.disable('x-powered-by');
  // X-Forwarded-For / -Proto are believed only from the proxies PUNTE_TRUST_PROXY names (issue 17): anyone
  // could send them, and the login rate limit counts by client address.
  app.set('trust proxy', context.config.trustProxy ?? false);
  app.use(requestId(context.logger));
  app.use(helmet({ contentSecurityPolicy: { directives: contentSecurityPolicy(context.config) } }));
  // GeoJSON compresses about tenfold: the access grid is 1.6 MB raw.
  app.use(compression());

  const api = express.Router();
  // Case data must never sit in a browser or proxy cache; public and static routes set their own policy.
  api.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  // Before reading any body: a forged cross-site write is refused unread (issue 17).
  api.use(sameOriginWrites);
  api.use(declaredBodyTypes(['/imports']));
  api.use(express.json({ limit: JSON_BODY_LIMIT, type: ['application/json', 'application/*+json'] }));
  api.use(refuseNulBytes);
  api.use(loadSession(context.db.knex, context.config.sessionSecret));
  api.use(healthRouter(context));
  api.use(authRouter(context));
  api.use(publicRouter(context));
  api.use(publicProgressRouter(context));
  api.use(exportsRouter(context));
  api.use(layersRouter(context));
  api.use(layerWritesRouter(context));
  api.use(importsRouter(context));
  api.use(pointDistancesRouter(context));
  api.use(householdsRouter(context));
  api.use(matchingRouter(context));
  api.use(relocationPlansRouter(context));
  api.use(auditLogRouter(context));
  api.use(interventionsRouter(context));
  api.use(accessRouter(context));
  api.use(analysisRouter(context));
  api.use(publicReleasesRouter(context));
  const openapi = buildOpenApiDocument(context.registry);
  api.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  api.use(apiNotFoundHandler);
  app.use('/api', api);

  serveClient(app);
  app.use(notFoundHandler);
  app.use(problemHandler(context.logger));
  return app;
}

/** MapLibre needs blob: workers and inline styles; an online basemap (optional) needs its host. */
function contentSecurityPolicy(config: Config) {
  const basemap = config.basemapStyleUrl ? ['https:'] : [];
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:', ...basemap],
    connectSrc: ["'self'", ...basemap],
    workerSrc: ["'self'", 'blob:'],
    childSrc: ["'self'", 'blob:'],
    fontSrc: ["'self'", 'data:'],
    objectSrc: ["'none'"],
    frameAncestors: ["'none'"],
    upgradeInsecureRequests: null,
  };
}

/**
 * Serves the built client and sends index.html for the client's own pages, so client-side routes reload;
 * any other path is an honest 404 (issue 10), not the app's HTML with 200.
 */
function serveClient(app: Express): void {
  const indexHtml = path.join(CLIENT_DIST_DIR, 'index.html');
  app.use(express.static(CLIENT_DIST_DIR, { index: false, maxAge: '1h' }));
  app.get(/^\/(?!api\/).*/, (req, res, next) => {
    if (!isClientRoute(req.path)) {
      next();
      return;
    }
    if (!fs.existsSync(indexHtml)) {
      res.status(503).type('text/plain').send('The client is not built yet: run `npm run build` (npm start does it for you).');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexHtml);
  });
}
