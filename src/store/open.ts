import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { Kysely, Migrator } from 'kysely';
import { type Capabilities, sqliteDialect } from './dialect.js';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';

/** A store failure (cannot open, cannot migrate, cannot write), with the underlying cause. */
export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
  }
}

export interface Store {
  db: Kysely<Database>;
  capabilities: Capabilities;
  /** Where it lives, for messages. */
  location: string;
  close(): Promise<void>;
}

const SQLITE_MAGIC = 'SQLite format 3\0';

/**
 * Open (creating if needed) the store at `location` and bring its schema up to date.
 * @example const store = await openStore('storyline.db');
 */
export async function openStore(location: string): Promise<Store> {
  if (/^postgres(ql)?:\/\//.test(location)) {
    throw new StoreError(`Cannot open \`${location}\`: PostgreSQL support is not built yet; use a SQLite file path`);
  }
  if (location !== ':memory:' && existsSync(location)) {
    const head = readHead(location, 16);
    if (head.length > 0 && head !== SQLITE_MAGIC) {
      throw new StoreError(`Cannot open \`${location}\`: not a SQLite database (refusing to overwrite it)`);
    }
  }
  let opened: ReturnType<typeof sqliteDialect>;
  try {
    opened = sqliteDialect(location);
  } catch (error) {
    throw new StoreError(`Cannot open \`${location}\`: ${(error as Error).message}`, { cause: error });
  }
  const db = new Kysely<Database>({ dialect: opened.dialect });
  const { error, results } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new StoreError(`Cannot migrate \`${location}\` (migration ${failed}): ${(error as Error).message}`, {
      cause: error,
    });
  }
  return {
    db,
    capabilities: opened.capabilities,
    location,
    close: () => db.destroy(),
  };
}

/** The first `bytes` bytes of a file, as latin1 (reads only those: stores can be many GiB). */
function readHead(file: string, bytes: number): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const read = readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, read).toString('latin1');
  } finally {
    closeSync(fd);
  }
}
