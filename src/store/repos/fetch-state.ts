/**
 * The store behind ingest's `FetchStateStore` (tables of migration 0005): validators for
 * conditional requests and the feed items `storyline watch` has already ingested.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** The tables of migration 0005 (kept here, not in `schema.ts`: only this repository reads them). */
type FetchTables = {
  fetch_state: { url: string; etag: string | null; last_modified: string | null; fetched_at: string };
  seen_items: { feed: string; item_key: string; seen_at: string };
};

/** Validators of a URL's last successful fetch. */
export interface StoredValidators {
  etag?: string;
  lastModified?: string;
}

/** Read and write fetch state; shaped like ingest's `FetchStateStore`, which the pipeline passes it as. */
export interface FetchStateRepo {
  validators(url: string): Promise<StoredValidators | undefined>;
  saveValidators(url: string, validators: StoredValidators): Promise<void>;
  seenItem(feed: string, key: string): Promise<boolean>;
  markItemSeen(feed: string, key: string): Promise<void>;
}

export function storeFetchState(database: Kysely<Database>): FetchStateRepo {
  const db = database.withTables<FetchTables>();
  return {
    async validators(url) {
      const row = await db
        .selectFrom('fetch_state')
        .select(['etag', 'last_modified'])
        .where('url', '=', url)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        ...(row.etag !== null ? { etag: row.etag } : {}),
        ...(row.last_modified !== null ? { lastModified: row.last_modified } : {}),
      };
    },
    async saveValidators(url, v) {
      const values = {
        etag: v.etag ?? null,
        last_modified: v.lastModified ?? null,
        fetched_at: new Date().toISOString(),
      };
      await db
        .insertInto('fetch_state')
        .values({ url, ...values })
        .onConflict((oc) => oc.column('url').doUpdateSet(values))
        .execute();
    },
    async seenItem(feed, key) {
      const row = await db
        .selectFrom('seen_items')
        .select('item_key')
        .where('feed', '=', feed)
        .where('item_key', '=', key)
        .executeTakeFirst();
      return row !== undefined;
    },
    async markItemSeen(feed, key) {
      await db
        .insertInto('seen_items')
        .values({ feed, item_key: key, seen_at: new Date().toISOString() })
        .onConflict((oc) => oc.columns(['feed', 'item_key']).doNothing())
        .execute();
    },
  };
}
