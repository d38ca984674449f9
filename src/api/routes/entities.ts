import { Hono } from 'hono';
import { getEntity, listEntities } from '../../store/repos/queries.js';
import { notFound } from '../errors.js';
import { enumParam, PAGE, pageParams, queryOf } from '../params.js';
import type { RouteDeps } from './deps.js';

const TYPES = ['person', 'organization', 'place', 'country', 'other'] as const;

/** `GET /api/entities` (paged, `type=`) and `GET /api/entities/:id` (the entity page). */
export function entitiesRoutes({ store }: RouteDeps): Hono {
  return new Hono()
    .get('/', async (c) => {
      const query = queryOf(c, [...PAGE, 'type']);
      const type = query.type === undefined ? undefined : enumParam(query, 'type', TYPES, 'person');
      return c.json(await listEntities(store.db, { ...pageParams(query), ...(type ? { type } : {}) }));
    })
    .get('/:id', async (c) => {
      queryOf(c, []);
      const id = c.req.param('id');
      const entity = await getEntity(store.db, id);
      if (!entity) throw notFound(`Unknown entity \`${id}\``);
      return c.json(entity);
    });
}
