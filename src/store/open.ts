import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kysely, Migrator, sql } from 'kysely';
import {
  type Capabilities,
  isConnectionError,
  isPostgresUrl,
  type OpenedDialect,
  postgresDialect,
  redactLocation,
  sqliteDialect,
} from './dialect.js';
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
  /** Where it lives, for messages (a PostgreSQL password is masked). */
  location: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /**
   * Bring an older schema up to date (default). With `false`, an outdated store is refused with
   * the command that migrates it: for a shared PostgreSQL, an operator may want to choose when.
   */
  migrate?: boolean;
  /** PostgreSQL: connection attempts before giving up (default 5), waiting 0.5 s, 1 s, 2 s… between. */
  connectAttempts?: number;
  /** PostgreSQL: pooled connections (default 4). */
  maxConnections?: number;
  /** PostgreSQL: `false` commits without waiting for the disk (see `PostgresOptions`). */
  synchronousCommit?: boolean;
}

const SQLITE_MAGIC = 'SQLite format 3\0';

/**
 * Open (creating if needed) the store at `location` (a SQLite file path, or a
 * `postgres://user:password@host:port/database` URL) and bring its schema up to date.
 * @example const store = await openStore('storyline.db');
 * @example const store = await openStore('postgres://storyline@localhost/storyline');
 */
export async function openStore(location: string, options: OpenOptions = {}): Promise<Store> {
  const shown = redactLocation(location);
  const opened = isPostgresUrl(location) ? openPostgres(location, options) : openSqlite(location);
  const db = new Kysely<Database>({ dialect: opened.dialect, plugins: opened.plugins });
  try {
    if (opened.capabilities.dialect === 'postgres') await waitForServer(db, shown, options.connectAttempts ?? 5);
    await migrate(db, shown, options.migrate ?? true);
  } catch (error) {
    await db.destroy().catch(() => {});
    throw error;
  }
  return {
    db,
    capabilities: opened.capabilities,
    location: shown,
    close: () => db.destroy(),
  };
}

function openSqlite(location: string): OpenedDialect {
  if (location !== ':memory:' && existsSync(location)) {
    const head = readHead(location, 16);
    if (head.length > 0 && head !== SQLITE_MAGIC) {
      throw new StoreError(`Cannot open \`${location}\`: not a SQLite database (refusing to overwrite it)`);
    }
  }
  try {
    return sqliteDialect(location);
  } catch (error) {
    throw new StoreError(`Cannot open \`${location}\`: ${(error as Error).message}`, { cause: error });
  }
}

function openPostgres(location: string, options: OpenOptions): OpenedDialect {
  try {
    return postgresDialect(location, {
      ...(options.maxConnections !== undefined ? { maxConnections: options.maxConnections } : {}),
      ...(options.synchronousCommit !== undefined ? { synchronousCommit: options.synchronousCommit } : {}),
      onIdleError: (error) =>
        process.stderr.write(`storyline: lost an idle connection to ${redactLocation(location)}: ${error.message}\n`),
    });
  } catch (error) {
    throw new StoreError(`Cannot open \`${redactLocation(location)}\`: ${(error as Error).message}`, { cause: error });
  }
}

/** Try `SELECT 1` with exponential backoff; a server that is starting or restarting gets a few seconds. */
async function waitForServer(db: Kysely<Database>, shown: string, attempts: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await sql`SELECT 1`.execute(db);
      return;
    } catch (error) {
      if (!isConnectionError(error) || attempt >= attempts) {
        const message = (error as Error).message || String((error as { code?: string }).code ?? error);
        const hint = isConnectionError(error)
          ? ` after ${attempt} attempt(s); is the server running and reachable?`
          : '';
        throw new StoreError(`Cannot connect to \`${shown}\`: ${message}${hint}`, { cause: error });
      }
      await sleep(500 * 2 ** (attempt - 1));
    }
  }
}

/**
 * Run pending migrations. A store migrated by a newer Storyline (a migration this build does not
 * know) is refused rather than touched. Kysely's migrator takes a lock (an advisory lock on
 * PostgreSQL), so workers starting together migrate once.
 */
async function migrate(db: Kysely<Database>, shown: string, allowed: boolean): Promise<void> {
  const known = await migrationProvider.getMigrations();
  let executed: string[];
  try {
    executed = await executedMigrations(db);
  } catch (error) {
    throw new StoreError(`Cannot read the schema version of \`${shown}\`: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const unknown = executed.filter((name) => !(name in known));
  if (unknown.length > 0) {
    throw new StoreError(
      `Cannot use \`${shown}\`: its schema is newer than this Storyline (migration ${unknown.join(', ')} is unknown); upgrade storyline`,
    );
  }
  const pending = Object.keys(known).filter((name) => !executed.includes(name));
  if (pending.length === 0) return;
  if (!allowed) {
    throw new StoreError(
      `\`${shown}\` has an older schema (pending: ${pending.join(', ')}); run \`storyline migrate --to ${shown}\` first`,
    );
  }
  const { error, results } = await new Migrator({
    db,
    provider: migrationProvider,
    allowUnorderedMigrations: true,
  }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new StoreError(`Cannot migrate \`${shown}\` (migration ${failed}): ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** Names in Kysely's migration table (none when the store is new). */
async function executedMigrations(db: Kysely<Database>): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === 'kysely_migration')) return [];
  const rows = await db
    .selectFrom('kysely_migration' as never)
    .select('name' as never)
    .execute();
  return rows.map((r) => (r as { name: string }).name);
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
