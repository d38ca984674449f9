import { Hono } from 'hono';
import { queryOf } from '../params.js';
import type { RouteDeps } from './deps.js';

/**
 * `GET /api/corpus/status`: where the background corpus update stands (after an ingest the
 * stories, conflicts and timeline catch up in the background: `state`, `pending`, `behind`, and
 * the last update's times, article count or error). Never cached: it changes without a new run.
 */
export function corpusRoutes({ corpus }: RouteDeps): Hono {
  return new Hono().get('/status', async (c) => {
    queryOf(c, []);
    c.header('Cache-Control', 'no-store');
    return c.json(await corpus.status());
  });
}
