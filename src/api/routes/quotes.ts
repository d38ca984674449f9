import { Hono } from 'hono';
import { listQuotes } from '../../store/repos/queries.js';
import { PAGE, pageParams, queryOf, stringParam } from '../params.js';
import { storyParam } from '../story-param.js';
import type { RouteDeps } from './deps.js';

/** `GET /api/quotes?story=&speaker=` */
export function quotesRoutes({ store }: RouteDeps): Hono {
  return new Hono().get('/', async (c) => {
    const query = queryOf(c, [...PAGE, 'story', 'speaker']);
    const story = await storyParam(store, query);
    const speaker = stringParam(query, 'speaker');
    return c.json(
      await listQuotes(store.db, {
        ...pageParams(query),
        ...(story !== undefined ? { story } : {}),
        ...(speaker !== undefined ? { speaker } : {}),
      }),
    );
  });
}
