import { Hono } from 'hono';
import { getStats } from '../../store/repos/queries.js';
import { queryOf } from '../params.js';
import type { RouteDeps } from './deps.js';

/** `GET /api/stats`: counts and the last run. */
export function statsRoutes({ store }: RouteDeps): Hono {
  return new Hono().get('/', async (c) => {
    queryOf(c, []);
    return c.json(await getStats(store.db));
  });
}
