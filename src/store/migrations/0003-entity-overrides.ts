/**
 * User overrides of the corpus entity merge: `to_id` is the target of a user merge, null a
 * split (the id stays its own entity). Read by every corpus recompute.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('entity_overrides')
    .addColumn('from_id', 'text', (c) => c.primaryKey())
    .addColumn('to_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('entity_overrides').ifExists().execute();
}
