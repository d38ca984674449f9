/**
 * Extraction (issue 3): each article's status (`ok`, `truncated`, `too-short`, `not-an-article`,
 * `blocked`) and its reason, its canonical URL, where each metadata field came from, and the map
 * from clean-text offsets back to the original document. Rows written before this migration have
 * nulls here and read as status `ok` with no map. (Removed pieces carry their original offsets
 * inside the existing `removed` JSON.)
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type
export async function up(db: Kysely<any>): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds one at a time.
  await db.schema.alterTable('articles').addColumn('status', 'text').execute();
  await db.schema.alterTable('articles').addColumn('status_reason', 'text').execute();
  await db.schema.alterTable('articles').addColumn('url', 'text').execute();
  await db.schema.alterTable('articles').addColumn('field_sources', 'text').execute(); // JSON FieldSources
  await db.schema.alterTable('articles').addColumn('offsets', 'text').execute(); // JSON OffsetMap
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['offsets', 'field_sources', 'url', 'status_reason', 'status'])
    await db.schema.alterTable('articles').dropColumn(column).execute();
}
