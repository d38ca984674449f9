import { Hono } from 'hono';
import { resolveStoryId } from '../../store/repos/corpus.js';
import { getStory, listStories } from '../../store/repos/queries.js';
import { notFound } from '../errors.js';
import { enumParam, PAGE, pageParams, queryOf } from '../params.js';
import type { RouteDeps } from './deps.js';

/**
 * `GET /api/stories` (paged, `sort=size|recent`) and `GET /api/stories/:id` (the story page).
 * An old story id (merged into another story, or renamed when an earlier article joined it)
 * answers 200 with the story it now belongs to, `redirectedFrom: <old id>` and a
 * `Content-Location` naming the current URL. Not a 301/308: those are cached for good, and a
 * redirect is not permanent (a later run may split the story and give the old id back).
 */
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
      const current = await resolveStoryId(store.db, id);
      const story = current === null ? null : await getStory(store.db, current);
      if (!story || current === null) throw notFound(`Unknown story \`${id}\``);
      if (current === id) return c.json(story);
      c.header('Content-Location', `/api/stories/${encodeURIComponent(current)}`);
      return c.json({ ...story, redirectedFrom: id });
    });
}
