/**
 * What fetching remembers between runs, behind an interface so ingest never touches the store:
 * the pipeline passes an implementation backed by the `fetch_state` and `seen_items` tables
 * (`store/repos/fetch-state.ts`); tests use `memoryFetchState`.
 */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

export interface FetchStateStore {
  /** Validators of the last successful fetch of `url`, sent back as If-None-Match / If-Modified-Since. */
  validators(url: string): Promise<Validators | undefined>;
  saveValidators(url: string, validators: Validators): Promise<void>;
  /** Whether the feed item `key` (guid or link) of `feed` was already ingested (`storyline watch`). */
  seenItem(feed: string, key: string): Promise<boolean>;
  markItemSeen(feed: string, key: string): Promise<void>;
}

/** An in-memory store (tests, and runs without a database). */
export function memoryFetchState(): FetchStateStore {
  const validators = new Map<string, Validators>();
  const seen = new Set<string>();
  return {
    validators: async (url) => validators.get(url),
    saveValidators: async (url, v) => {
      validators.set(url, v);
    },
    seenItem: async (feed, key) => seen.has(`${feed}\n${key}`),
    markItemSeen: async (feed, key) => {
      seen.add(`${feed}\n${key}`);
    },
  };
}
