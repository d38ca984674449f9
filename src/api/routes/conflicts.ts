import { Hono } from 'hono';
import { listConflicts } from '../../store/repos/queries.js';
import { PAGE, pageParams, queryOf } from '../params.js';
import { storyParam } from '../story-param.js';
import type { RouteDeps } from './deps.js';

/** `GET /api/conflicts?story=` */
export function conflictsRoutes({ store }: RouteDeps): Hono {
  return new Hono().get('/', async (c) => {
    const query = queryOf(c, [...PAGE, 'story']);
    const story = await storyParam(store, query);
    return c.json(await listConflicts(store.db, { ...pageParams(query), ...(story !== undefined ? { story } : {}) }));
  });
}
