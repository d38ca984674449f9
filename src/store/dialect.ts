/**
 * The only file that knows SQLite from PostgreSQL. Migrations and repositories call these
 * helpers and never test the dialect themselves.
 */

import SQLite from 'better-sqlite3';
import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely, RawBuilder } from 'kysely';
import { SqliteDialect, sql } from 'kysely';

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

/**
 * A text field inside a JSON column, as an SQL expression (`json_extract` in SQLite; PostgreSQL
 * will use `->>`). The path is code, never user input: it is inlined as a literal so the same
 * expression can back an index (SQLite matches index expressions only against literals).
 * @example jsonText('detail', 'speaker.entityId') // json_extract("detail", '$.speaker.entityId')
 */
export function jsonText(column: string, path: string): RawBuilder<string | null> {
  if (!/^[A-Za-z_][\w.]*$/.test(path)) throw new TypeError(`Unexpected JSON path \`${path}\``);
  return sql<string | null>`json_extract(${sql.ref(column)}, ${sql.lit(`$.${path}`)})`;
}

/** Name of the full-text index over `articles(title, text)`. */
const FTS_TABLE = 'articles_fts';

/**
 * Create the full-text index over `articles.title` + `articles.text` and keep it in sync with
 * triggers (SQLite FTS5, external content keyed by the articles' rowid), then fill it from the
 * rows already stored. The rowid link survives everything but `VACUUM`; after one, rebuild with
 * {@link rebuildFullTextIndex}.
 */
export async function createFullTextIndex(db: AnyDb): Promise<void> {
  await sql
    .raw(
      `CREATE VIRTUAL TABLE ${FTS_TABLE} USING fts5(title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
         INSERT INTO ${FTS_TABLE}(rowid, title, text) VALUES (new.rowid, new.title, new.text);
       END`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
         INSERT INTO ${FTS_TABLE}(${FTS_TABLE}, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
       END`,
    )
    .execute(db);
  // Only title/text changes touch the index: corpus runs update publication dates often.
  await sql
    .raw(
      `CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
         INSERT INTO ${FTS_TABLE}(${FTS_TABLE}, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
         INSERT INTO ${FTS_TABLE}(rowid, title, text) VALUES (new.rowid, new.title, new.text);
       END`,
    )
    .execute(db);
  await rebuildFullTextIndex(db);
}

/** Re-read every article into the full-text index. */
export async function rebuildFullTextIndex(db: AnyDb): Promise<void> {
  await sql.raw(`INSERT INTO ${FTS_TABLE}(${FTS_TABLE}) VALUES ('rebuild')`).execute(db);
}

export async function dropFullTextIndex(db: AnyDb): Promise<void> {
  for (const trigger of ['articles_fts_insert', 'articles_fts_delete', 'articles_fts_update']) {
    await sql.raw(`DROP TRIGGER IF EXISTS ${trigger}`).execute(db);
  }
  await sql.raw(`DROP TABLE IF EXISTS ${FTS_TABLE}`).execute(db);
}

/** One full-text hit: the article id and a plain-text snippet with the match between `[` `]`. */
export interface FullTextHit {
  id: string;
  snippet: string;
}

/**
 * Articles matching the user's `query`, best first. The query is always a bound parameter. It
 * is first tried as written (so `"exact phrase"`, `OR`, `NOT`, `prefix*` work); when the engine
 * rejects its syntax it is re-run as quoted terms ({@link quoteTerms}), so no input can fail.
 */
export async function searchFullText(db: AnyDb, query: string, limit: number): Promise<FullTextHit[]> {
  const run = (match: string) =>
    sql<FullTextHit>`SELECT a.id AS id, snippet(${sql.raw(FTS_TABLE)}, -1, '[', ']', '…', 16) AS snippet
      FROM ${sql.raw(FTS_TABLE)} JOIN articles a ON a.rowid = ${sql.raw(FTS_TABLE)}.rowid
      WHERE ${sql.raw(FTS_TABLE)} MATCH ${match}
      ORDER BY rank LIMIT ${limit}`.execute(db);
  try {
    return (await run(query)).rows;
  } catch (error) {
    if (!isQuerySyntaxError(error)) throw error;
    const quoted = quoteTerms(query);
    return quoted ? (await run(quoted)).rows : [];
  }
}

/** FTS5 rejects the query text itself (not a storage failure). */
function isQuerySyntaxError(error: unknown): boolean {
  const message = (error as Error)?.message ?? '';
  return /fts5|syntax error|no such column|unterminated|unknown special query/i.test(message);
}

/**
 * Turn any text into an FTS5 query of quoted terms (implicit AND), the last one a prefix: every
 * character that could be an operator ends up inside a string. Returns '' when nothing is left.
 * @example quoteTerms('death-toll "Aldmere') // '"death" "toll" "Aldmere"*'
 */
export function quoteTerms(query: string): string {
  const terms = query.match(/[\p{L}\p{N}_]+/gu) ?? [];
  return terms
    .slice(0, 32)
    .map((t, i, all) => `"${t}"${i === all.length - 1 ? '*' : ''}`)
    .join(' ');
}

/**
 * `column` contains `term`, case-insensitively (ASCII in SQLite's LIKE; PostgreSQL will use
 * ILIKE). The term is a bound parameter with its wildcards escaped.
 */
export function containsText(column: string, term: string): RawBuilder<boolean> {
  const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`${sql.ref(column)} LIKE ${pattern} ESCAPE '\\'`;
}
