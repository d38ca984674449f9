/**
 * The work queue shared by `storyline worker` processes (PostgreSQL; the tables exist in SQLite
 * too so both dialects keep one schema). A job is one source to analyze; `lease_until` is when a
 * claimed job returns to the queue if its worker stops renewing it. `corpus_state` has one row:
 * `stored_generation` counts jobs that stored articles, `corpus_generation` is the count the
 * corpus outputs cover; a worker recomputes the corpus while the second is behind the first.
 */
import { type Kysely, sql } from 'kysely';
import { idColumn, timestampColumnType } from '../dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type
export async function up(db: Kysely<any>): Promise<void> {
  await idColumn(db.schema.createTable('jobs'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('enqueued_at', timestampColumnType, (c) => c.notNull())
    .addColumn('lease_until', timestampColumnType)
    .addColumn('worker', 'text')
    .addColumn('run_id', 'integer')
    .addColumn('finished_at', timestampColumnType)
    .addColumn('error', 'text')
    .execute();
  // A source waits or runs at most once at a time: enqueuing it again is a no-op until it is done.
  await db.schema
    .createIndex('jobs_pending_source')
    .on('jobs')
    .column('source')
    .unique()
    .where(sql<boolean>`state IN ('queued', 'running')`)
    .execute();
  await db.schema.createIndex('jobs_state').on('jobs').columns(['state', 'id']).execute();
  await db.schema
    .createTable('corpus_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('stored_generation', 'integer', (c) => c.notNull())
    .addColumn('corpus_generation', 'integer', (c) => c.notNull())
    .execute();
  await db.insertInto('corpus_state').values({ id: 1, stored_generation: 0, corpus_generation: 0 }).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('corpus_state').ifExists().execute();
  await db.schema.dropTable('jobs').ifExists().execute();
}
