import { Hono } from 'hono';
import { listTimeline } from '../../store/repos/queries.js';
import { PAGE, pageParams, queryOf } from '../params.js';
import { storyParam } from '../story-param.js';
import type { RouteDeps } from './deps.js';

/** `GET /api/timeline?story=` */
export function timelineRoutes({ store }: RouteDeps): Hono {
  return new Hono().get('/', async (c) => {
    const query = queryOf(c, [...PAGE, 'story']);
    const story = await storyParam(store, query);
    return c.json(await listTimeline(store.db, { ...pageParams(query), ...(story !== undefined ? { story } : {}) }));
  });
}
