import { Hono } from 'hono';
import { search } from '../../store/repos/search.js';
import { badRequest } from '../errors.js';
import { intParam, MAX_LIMIT, queryOf } from '../params.js';
import type { RouteDeps } from './deps.js';

/** Longest accepted query: full-text queries cost more with every term. */
const MAX_QUERY = 256;

/** `GET /api/search?q=&limit=`: articles (full text), stories and entities. */
export function searchRoutes({ store }: RouteDeps): Hono {
  return new Hono().get('/', async (c) => {
    const query = queryOf(c, ['q', 'limit']);
    const q = (query.q ?? '').trim();
    if (q === '') throw badRequest('Missing `q`, expected the text to search for');
    if (q.length > MAX_QUERY)
      throw badRequest(`Unexpected \`q\` of ${q.length} characters, expected at most ${MAX_QUERY}`);
    return c.json(await search(store.db, q, intParam(query, 'limit', 20, 1, MAX_LIMIT)));
  });
}
