/**
 * Story redirects (issue 7): when a corpus recompute merges stories or a story's id changes (an
 * earlier article joined it), the old id keeps answering. `from_id` is a story id that no longer
 * exists, `to_id` the story now holding most of its articles. Unlike the other corpus outputs,
 * redirects are kept across recomputes (a link shared last month must still work); each
 * recompute re-points or drops them (`replaceCorpus`).
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('story_redirects')
    .addColumn('from_id', 'text', (c) => c.primaryKey())
    .addColumn('to_id', 'text', (c) => c.notNull())
    // ISO-8601 UTC, as `entity_overrides.created_at`: when the old id stopped being a story.
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('story_redirects_to').on('story_redirects').column('to_id').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('story_redirects').ifExists().execute();
}
