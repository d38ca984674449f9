/**
 * User merge/split overrides of entity ids (`entity_overrides`). One row per id: the last
 * decision wins. The corpus stage reads them all through `loadOverrides`.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** `from` → `to` for a user merge, `from` → null for a split. */
export type EntityOverrides = Map<string, string | null>;

export async function loadOverrides(db: Kysely<Database>): Promise<EntityOverrides> {
  const rows = await db.selectFrom('entity_overrides').select(['from_id', 'to_id']).orderBy('from_id').execute();
  return new Map(rows.map((r) => [r.from_id, r.to_id]));
}

/** Record a user merge (`to` set) or split (`to` null) of `from`, replacing any earlier one. */
export async function setOverride(db: Kysely<Database>, from: string, to: string | null): Promise<void> {
  await db
    .insertInto('entity_overrides')
    .values({ from_id: from, to_id: to, created_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('from_id').doUpdateSet({ to_id: to, created_at: new Date().toISOString() }))
    .execute();
}

/** Whether `id` is an entity id the store knows: a corpus entity or an id merged into one. */
export async function entityIdExists(db: Kysely<Database>, id: string): Promise<boolean> {
  const [entity, remapped] = await Promise.all([
    db.selectFrom('entities').select('entity_id').where('entity_id', '=', id).executeTakeFirst(),
    db.selectFrom('entity_remap').select('from_id').where('from_id', '=', id).executeTakeFirst(),
  ]);
  return entity !== undefined || remapped !== undefined;
}
