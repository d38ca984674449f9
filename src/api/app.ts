/**
 * The HTTP API and the web UI as one Hono app. Built without a server so tests run it with
 * `app.request()`; `storyline serve` hands it to @hono/node-server.
 *
 * Order of the middleware, and why:
 * 1. security headers on everything (nosniff; a strict CSP on the UI);
 * 2. CORS, only when an origin is configured (off by default);
 * 3. ETag/304 for GET `/api/*`: answered before any query runs;
 * 4. for writes: the body-size limit, then the bearer token.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { every } from 'hono/combine';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import { CorpusUpdater } from '../pipeline/corpus-update.js';
import type { Store } from '../store/open.js';
import { lastRun } from '../store/repos/queries.js';
import { ApiError, errorBody, notFound, onError } from './errors.js';
import { buildOpenApi } from './openapi.js';
import { articlesRoutes } from './routes/articles.js';
import { claimsRoutes } from './routes/claims.js';
import { conflictsRoutes } from './routes/conflicts.js';
import { corpusRoutes } from './routes/corpus.js';
import { type RouteDeps, serialQueue } from './routes/deps.js';
import { entitiesRoutes } from './routes/entities.js';
import { ingestRoutes } from './routes/ingest.js';
import { quotesRoutes } from './routes/quotes.js';
import { searchRoutes } from './routes/search.js';
import { statsRoutes } from './routes/stats.js';
import { storiesRoutes } from './routes/stories.js';
import { timelineRoutes } from './routes/timeline.js';

/** Largest accepted request body. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

export interface AppOptions {
  store: Store;
  /** Bearer token required for writes (ingest, entity merge/split); writes are open when absent. */
  token?: string;
  /** Origin allowed by CORS (`*` or `https://…`); CORS is off when absent. */
  cors?: string;
  /** Folder of the built web UI (`dist/web`); when absent or missing, `/` explains how to build it. */
  uiDir?: string;
}

const UI_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/**
 * Create the app.
 * @example
 * const app = createApp({ store: await openStore('storyline.db') });
 * const res = await app.request('/api/stats');
 */
export function createApp(options: AppOptions): Hono {
  const { store } = options;
  const app = new Hono();
  app.onError(onError);
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: undefined,
      // Served over plain HTTP (behind a proxy for TLS): HSTS belongs to the proxy.
      strictTransportSecurity: false,
      crossOriginResourcePolicy: options.cors ? false : 'same-origin',
    }),
  );
  if (options.cors) {
    const origin = options.cors;
    app.use('/api/*', cors({ origin, allowHeaders: ['Authorization', 'Content-Type', 'If-None-Match'] }));
    app.use('/openapi.json', cors({ origin }));
  }
  app.use('/api/*', etags(store));

  const limit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: tooLarge });
  const writeGuard = options.token ? every(limit, bearer(options.token)) : limit;
  const serially = serialQueue();
  const deps: RouteDeps = { store, serially, writeGuard, corpus: new CorpusUpdater(store, serially) };
  const writes = new Hono();
  writes.use('*', writeGuard);
  writes.route('/', ingestRoutes(deps));

  app.route('/api/stats', statsRoutes(deps));
  app.route('/api/stories', storiesRoutes(deps));
  app.route('/api/articles', articlesRoutes(deps));
  app.route('/api/entities', entitiesRoutes(deps));
  app.route('/api/quotes', quotesRoutes(deps));
  app.route('/api/claims', claimsRoutes(deps));
  app.route('/api/conflicts', conflictsRoutes(deps));
  app.route('/api/timeline', timelineRoutes(deps));
  app.route('/api/search', searchRoutes(deps));
  app.route('/api/corpus', corpusRoutes(deps));
  app.route('/api/ingest', writes);

  let openapi: string | undefined;
  app.get('/openapi.json', (c) => {
    openapi ??= JSON.stringify(buildOpenApi());
    return c.body(openapi, 200, { 'Content-Type': 'application/json; charset=utf-8' });
  });
  app.all('/api/*', (c) => {
    throw notFound(`Unknown endpoint \`${c.req.method} ${c.req.path}\` (see /openapi.json)`);
  });

  mountUi(app, options.uiDir);
  app.notFound((c) => c.json(errorBody('not-found', `Nothing at \`${c.req.path}\``), 404));
  return app;
}

/** The built UI (static files, no directory listing, no path traversal) or a page saying how to build it. */
function mountUi(app: Hono, uiDir: string | undefined): void {
  const root = uiDir ? path.resolve(uiDir) : undefined;
  const csp: MiddlewareHandler = async (c, next) => {
    await next();
    if (c.res.headers.get('content-type')?.startsWith('text/html')) c.header('Content-Security-Policy', UI_CSP);
  };
  app.use('*', csp);
  if (root && existsSync(path.join(root, 'index.html'))) {
    // serveStatic refuses `..` segments, backslashes and encoded separators before joining the root.
    app.get('*', serveStatic({ root }));
    return;
  }
  app.get('/', (c) =>
    c.html(
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Storyline</title></head>' +
        '<body><h1>Storyline</h1><p>The web UI is not built yet. Run <code>npm run build</code>, then start ' +
        '<code>storyline serve</code> again.</p><p>The API is up: try <a href="api/stats">api/stats</a> or ' +
        '<a href="openapi.json">openapi.json</a>.</p></body></html>',
    ),
  );
}

/**
 * Weak ETags for GET `/api/*`: a hash of the last finished run and the URL, so any write (a new
 * run) changes every tag. While a run is still going, no tag is given (its data is moving).
 */
function etags(store: Store): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    // The corpus status changes without a new run (an update starts, a failed one ends).
    if (c.req.path.startsWith('/api/corpus/')) return next();
    const run = await lastRun(store.db);
    if (run && run.finishedAt === null) return next();
    const url = new URL(c.req.url);
    const hash = createHash('sha1')
      .update(`${run?.id ?? 0}\0${run?.finishedAt ?? ''}\0${url.pathname}?${url.searchParams}`)
      .digest('base64url')
      .slice(0, 20);
    const tag = `W/"${hash}"`;
    if (matches(c.req.header('if-none-match'), tag)) {
      return c.body(null, 304, { ETag: tag, 'Cache-Control': 'no-cache' });
    }
    await next();
    if (c.res.status === 200) {
      c.header('ETag', tag);
      c.header('Cache-Control', 'no-cache');
    }
  };
}

/** `If-None-Match` holds `tag` (weak comparison) or `*`. */
function matches(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  const opaque = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => t.trim() === '*' || opaque(t) === opaque(tag));
}

function tooLarge(): never {
  throw new ApiError(413, 'too-large', `Request body over ${MAX_BODY_BYTES / 1024 / 1024} MiB`);
}

/** Require `Authorization: Bearer <token>` (compared in constant time). */
function bearer(token: string): MiddlewareHandler {
  const expected = createHash('sha256').update(token).digest();
  return async (c, next) => {
    const given = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]?.trim();
    const ok = given !== undefined && timingSafeEqual(createHash('sha256').update(given).digest(), expected);
    if (!ok) {
      const error = new ApiError(401, 'unauthorized', 'Missing or wrong bearer token (Authorization: Bearer <token>)');
      c.header('WWW-Authenticate', 'Bearer');
      throw error;
    }
    await next();
  };
}
