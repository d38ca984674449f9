/**
 * Full-text search over articles and the indexes the HTTP API's pages need (every list is
 * paged through an index, every detail page is a handful of index lookups).
 */
import { type Kysely, sql } from 'kysely';
import { createFullTextIndex, dropFullTextIndex, jsonText } from '../dialect.js';

/** [name, table, columns]: plain indexes, named so `down` can drop them. */
const INDEXES: [string, string, string[]][] = [
  ['articles_published', 'articles', ['published_date', 'id']],
  ['mentions_kind_article', 'mentions', ['kind', 'article_id', 'span_start']],
  ['mentions_entity_article', 'mentions', ['entity_id', 'article_id']],
  ['stories_size', 'stories', ['article_count', 'story_id']],
  ['stories_recent', 'stories', ['last_published', 'story_id']],
  ['timeline_story', 'timeline', ['story_id', 'date']],
  ['timeline_date', 'timeline', ['date']],
  ['conflicts_story', 'conflicts', ['story_id']],
  ['duplicates_b', 'duplicates', ['b']],
  ['diagnostics_article', 'diagnostics', ['article_id']],
  ['entities_rank', 'entities', ['article_count', 'entity_id']],
  ['entities_type_rank', 'entities', ['type', 'article_count', 'entity_id']],
  ['entity_remap_to', 'entity_remap', ['to_id']],
];

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type
export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, table, columns] of INDEXES) {
    await db.schema.createIndex(name).on(table).columns(columns).execute();
  }
  // Quotes by speaker and claims by unit live in the `detail` JSON; index those fields.
  await db.schema
    .createIndex('mentions_speaker')
    .on('mentions')
    .columns(['kind'])
    .expression(jsonText('detail', 'speaker.entityId'))
    .execute();
  // Claims by unit are listed in article order straight from this index (no sort of, say,
  // every "troops" claim in the store).
  await db.schema
    .createIndex('mentions_unit')
    .on('mentions')
    .expression(
      sql`${sql.ref('kind')}, ${jsonText('detail', 'unit')}, ${sql.ref('article_id')}, ${sql.ref('span_start')}`,
    )
    .execute();
  await createFullTextIndex(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await dropFullTextIndex(db);
  for (const name of ['mentions_speaker', 'mentions_unit', ...INDEXES.map(([n]) => n)]) {
    await db.schema.dropIndex(name).ifExists().execute();
  }
}
