import { Hono } from 'hono';
import { applyOverrides } from '../../pipeline/ingest-text.js';
import { entityIdExists } from '../../store/repos/overrides.js';
import { getEntity, listEntities, mergedIds, resolveEntityId } from '../../store/repos/queries.js';
import { badRequest, notFound } from '../errors.js';
import { enumParam, PAGE, pageParams, queryOf } from '../params.js';
import type { RouteDeps } from './deps.js';

const TYPES = ['person', 'organization', 'place', 'country', 'other'] as const;

/**
 * `GET /api/entities` (paged, `type=`), `GET /api/entities/:id` (the entity page), and the
 * writes `POST /api/entities/:id/merge` (`{"into": id}`) and `POST /api/entities/:id/split`.
 * A write records a user override (kept across every later corpus run) and reruns the corpus
 * stages, one write at a time.
 */
export function entitiesRoutes({ store, serially, writeGuard }: RouteDeps): Hono {
  const known = async (id: string) => {
    if (!(await entityIdExists(store.db, id))) throw notFound(`Unknown entity \`${id}\``);
  };
  const entityPage = async (id: string) => {
    const entity = await getEntity(store.db, id);
    if (!entity) throw notFound(`Unknown entity \`${id}\``);
    return entity;
  };
  return new Hono()
    .get('/', async (c) => {
      const query = queryOf(c, [...PAGE, 'type']);
      const type = query.type === undefined ? undefined : enumParam(query, 'type', TYPES, 'person');
      return c.json(await listEntities(store.db, { ...pageParams(query), ...(type ? { type } : {}) }));
    })
    .get('/:id', async (c) => {
      queryOf(c, []);
      return c.json(await entityPage(c.req.param('id')));
    })
    .post('/:id/merge', writeGuard, async (c) => {
      queryOf(c, []);
      const id = c.req.param('id');
      const into = await intoOf(c.req.raw);
      return c.json(
        await serially(async () => {
          await known(id);
          await known(into);
          const [from, to] = await Promise.all([resolveEntityId(store.db, id), resolveEntityId(store.db, into)]);
          if (from === to) throw badRequest(`\`${id}\` is already part of \`${to}\`: nothing to merge`);
          // A whole entity moves with every id merged into it; an alias id moves alone.
          const moved = from === id ? await mergedIds(store.db, id) : [id];
          await applyOverrides(store, new Map(moved.map((m) => [m, to])));
          return entityPage(to);
        }),
      );
    })
    .post('/:id/split', writeGuard, async (c) => {
      queryOf(c, []);
      const id = c.req.param('id');
      return c.json(
        await serially(async () => {
          await known(id);
          await applyOverrides(store, new Map([[id, null]]));
          return entityPage(id);
        }),
      );
    });
}

/** The `into` id of a merge body `{"into": "<entityId>"}`. */
async function intoOf(request: Request): Promise<string> {
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw badRequest('Expected `Content-Type: application/json` and `{"into": "<id>"}`');
  let body: unknown;
  try {
    body = JSON.parse(await request.text());
  } catch (error) {
    throw badRequest(`Malformed JSON: ${(error as Error).message}`);
  }
  const into = (body as { into?: unknown } | null)?.into;
  if (typeof body !== 'object' || body === null || Array.isArray(body) || Object.keys(body).some((k) => k !== 'into')) {
    throw badRequest('Unexpected body, expected `{"into": "<entityId>"}`');
  }
  if (typeof into !== 'string' || into.trim() === '') throw badRequest('Missing `into`, expected an entity id');
  return into;
}
