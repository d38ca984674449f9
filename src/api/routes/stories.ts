import { Hono } from 'hono';
import { getStory, listStories } from '../../store/repos/queries.js';
import { notFound } from '../errors.js';
import { enumParam, PAGE, pageParams, queryOf } from '../params.js';
import type { RouteDeps } from './deps.js';

/** `GET /api/stories` (paged, `sort=size|recent`) and `GET /api/stories/:id` (the story page). */
export function storiesRoutes({ store }: RouteDeps): Hono {
  return new Hono()
    .get('/', async (c) => {
      const query = queryOf(c, [...PAGE, 'sort']);
      const sort = enumParam(query, 'sort', ['size', 'recent'] as const, 'size');
      return c.json(await listStories(store.db, { ...pageParams(query), sort }));
    })
    .get('/:id', async (c) => {
      queryOf(c, []);
      const id = c.req.param('id');
      const story = await getStory(store.db, id);
      if (!story) throw notFound(`Unknown story \`${id}\``);
      return c.json(story);
    });
}
