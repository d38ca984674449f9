/**
 * What fetching remembers between runs. `fetch_state`: the validators (ETag, Last-Modified) of
 * the last successful fetch of each URL, sent back as a conditional request. `seen_items`: feed
 * items (guid, else link) already ingested by `storyline watch`, so they are not fetched again.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('fetch_state')
    .addColumn('url', 'text', (c) => c.primaryKey())
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('fetched_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('seen_items')
    .addColumn('feed', 'text', (c) => c.notNull())
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('seen_items_pk', ['feed', 'item_key'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('seen_items').ifExists().execute();
  await db.schema.dropTable('fetch_state').ifExists().execute();
}
