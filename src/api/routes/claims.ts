import { Hono } from 'hono';
import { listClaims } from '../../store/repos/queries.js';
import { PAGE, pageParams, queryOf, stringParam } from '../params.js';
import { storyParam } from '../story-param.js';
import type { RouteDeps } from './deps.js';

/** `GET /api/claims?story=&unit=` */
export function claimsRoutes({ store }: RouteDeps): Hono {
  return new Hono().get('/', async (c) => {
    const query = queryOf(c, [...PAGE, 'story', 'unit']);
    const story = await storyParam(store, query);
    const unit = stringParam(query, 'unit');
    return c.json(
      await listClaims(store.db, {
        ...pageParams(query),
        ...(story !== undefined ? { story } : {}),
        ...(unit !== undefined ? { unit } : {}),
      }),
    );
  });
}
