import type { Kysely } from 'kysely';
import { idColumn, jsonColumnType } from '../dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type
export async function up(db: Kysely<any>): Promise<void> {
  await idColumn(db.schema.createTable('runs'))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('code_version', 'text', (c) => c.notNull())
    .addColumn('inputs', jsonColumnType, (c) => c.notNull())
    .addColumn('stored', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('skipped', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('articles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull().unique())
    .addColumn('site', 'text')
    .addColumn('title', 'text')
    .addColumn('published_date', 'text')
    .addColumn('published_from', 'text')
    .addColumn('published_to', 'text')
    .addColumn('published_how', 'text', (c) => c.notNull())
    .addColumn('published_evidence', 'text')
    .addColumn('language', 'text')
    .addColumn('wire', jsonColumnType, (c) => c.notNull())
    .addColumn('author', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('removed', jsonColumnType, (c) => c.notNull())
    .addColumn('run_id', 'integer', (c) => c.notNull().references('runs.id'))
    .addColumn('stored_at', 'text', (c) => c.notNull())
    .execute();

  await idColumn(db.schema.createTable('mentions'))
    .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('span_start', 'integer', (c) => c.notNull())
    .addColumn('span_end', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('stage_version', 'integer', (c) => c.notNull())
    .addColumn('rule', 'text')
    .addColumn('entity_id', 'text')
    .addColumn('detail', jsonColumnType, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mentions_article').on('mentions').columns(['article_id', 'kind']).execute();
  await db.schema.createIndex('mentions_entity').on('mentions').column('entity_id').execute();
  await db.schema.createIndex('mentions_rule').on('mentions').columns(['rule', 'stage_version']).execute();

  await idColumn(db.schema.createTable('diagnostics'))
    .addColumn('run_id', 'integer', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('article_id', 'text')
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('span_start', 'integer')
    .addColumn('span_end', 'integer')
    .execute();

  await db.schema
    .createTable('entities')
    .addColumn('entity_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('aliases', jsonColumnType, (c) => c.notNull())
    .addColumn('article_count', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('entity_remap')
    .addColumn('from_id', 'text', (c) => c.primaryKey())
    .addColumn('to_id', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('duplicates')
    .addColumn('a', 'text', (c) => c.notNull())
    .addColumn('b', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('similarity', 'real', (c) => c.notNull())
    .addPrimaryKeyConstraint('duplicates_pk', ['a', 'b'])
    .execute();
  await db.schema
    .createTable('stories')
    .addColumn('story_id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('independent_sources', 'integer', (c) => c.notNull())
    .addColumn('article_count', 'integer', (c) => c.notNull())
    .addColumn('first_published', 'text')
    .addColumn('last_published', 'text')
    .addColumn('events', jsonColumnType, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('story_members')
    .addColumn('story_id', 'text', (c) => c.notNull())
    .addColumn('article_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('story_members_pk', ['story_id', 'article_id'])
    .execute();
  await db.schema.createIndex('story_members_article').on('story_members').column('article_id').execute();
  await idColumn(db.schema.createTable('timeline'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('story_id', 'text')
    .addColumn('articles', jsonColumnType, (c) => c.notNull())
    .addColumn('evidence', jsonColumnType, (c) => c.notNull())
    .execute();
  await idColumn(db.schema.createTable('conflicts'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('story_id', 'text')
    .addColumn('items', jsonColumnType, (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'conflicts',
    'timeline',
    'story_members',
    'stories',
    'duplicates',
    'entity_remap',
    'entities',
    'diagnostics',
    'mentions',
    'articles',
    'runs',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
