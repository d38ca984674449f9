/**
 * Quotes and claims across sources (issue 5): `conflicts.detail` holds kind-specific fields
 * (`evolution` for quantity conflicts), and `quote_records` holds one quote with all its
 * occurrences in other articles. Both are corpus outputs, replaced whole on each recompute.
 */
import type { Kysely } from 'kysely';
import { idColumn, jsonColumnType } from '../dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('conflicts').addColumn('detail', jsonColumnType).execute();
  await idColumn(db.schema.createTable('quote_records'))
    .addColumn('quote_id', 'text', (c) => c.notNull().unique())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('story_id', 'text')
    .addColumn('speakers', jsonColumnType, (c) => c.notNull())
    .addColumn('occurrences', jsonColumnType, (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('quote_records').ifExists().execute();
  await db.schema.alterTable('conflicts').dropColumn('detail').execute();
}
