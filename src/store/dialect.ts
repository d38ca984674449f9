/**
 * The only file that knows SQLite from PostgreSQL. Migrations and repositories call these
 * helpers and never test the dialect themselves.
 */

import SQLite from 'better-sqlite3';
import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from 'kysely';
import { SqliteDialect } from 'kysely';

export type DialectName = 'sqlite';

export interface Capabilities {
  dialect: DialectName;
  fullTextSearch: 'fts5' | 'tsvector' | 'none';
  /** Largest number of bound parameters in one statement. */
  maxParameters: number;
}

/** Open a SQLite database file and tune it for a single writer with bulk inserts. */
export function sqliteDialect(file: string): { dialect: SqliteDialect; capabilities: Capabilities; close: () => void } {
  const database = new SQLite(file);
  // WAL keeps readers working during a run; NORMAL sync is safe with WAL and much faster.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  return {
    dialect: new SqliteDialect({ database }),
    capabilities: { dialect: 'sqlite', fullTextSearch: 'fts5', maxParameters: 32_000 },
    close: () => database.close(),
  };
}

/** Auto-incrementing integer primary key. */
export function idColumn<T extends string>(table: CreateTableBuilder<T>, name = 'id'): CreateTableBuilder<T> {
  return table.addColumn(name, 'integer', (col: ColumnDefinitionBuilder) => col.primaryKey().autoIncrement());
}

/** JSON stored as text (PostgreSQL will use jsonb). */
export const jsonColumnType = 'text' as const;

// biome-ignore lint/suspicious/noExplicitAny: schema-agnostic helper
export type AnyDb = Kysely<any>;
