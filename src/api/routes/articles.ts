import { Hono } from 'hono';
import { getArticle, listArticles } from '../../store/repos/queries.js';
import { notFound } from '../errors.js';
import { PAGE, pageParams, queryOf, stringParam } from '../params.js';
import { storyParam } from '../story-param.js';
import type { RouteDeps } from './deps.js';

/** `GET /api/articles` (paged, `story=`, `entity=`) and `GET /api/articles/:id`. */
export function articlesRoutes({ store }: RouteDeps): Hono {
  return new Hono()
    .get('/', async (c) => {
      const query = queryOf(c, [...PAGE, 'story', 'entity']);
      const story = await storyParam(store, query);
      const entity = stringParam(query, 'entity');
      return c.json(
        await listArticles(store.db, {
          ...pageParams(query),
          ...(story !== undefined ? { story } : {}),
          ...(entity !== undefined ? { entity } : {}),
        }),
      );
    })
    .get('/:id', async (c) => {
      queryOf(c, []);
      const id = c.req.param('id');
      const article = await getArticle(store.db, id);
      if (!article) throw notFound(`Unknown article \`${id}\``);
      return c.json(article);
    });
}
