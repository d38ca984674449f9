/**
 * The only file that knows SQLite from PostgreSQL. Migrations and repositories call these
 * helpers and never test the dialect themselves.
 *
 * How the helpers stay dialect-free where they have no database handle (`jsonColumnType`,
 * `jsonText`, `containsText` are built before any query runs): they emit function nodes with
 * reserved names (`storyline$…`), and each store's Kysely instance carries a plugin
 * ({@link portableSqlPlugin}) that rewrites those nodes into its dialect's SQL when a query is
 * compiled. A query compiled without the plugin fails loudly on the unknown function name.
 * The same plugin maps two column conventions for PostgreSQL: `autoIncrement()` becomes an
 * identity column, and `real` becomes `double precision` (SQLite's REAL is 8 bytes).
 */

import SQLite from 'better-sqlite3';
import {
  type ColumnDefinitionBuilder,
  ColumnDefinitionNode,
  type CreateTableBuilder,
  DataTypeNode,
  FunctionNode,
  GeneratedNode,
  type Kysely,
  type KyselyPlugin,
  type OperationNode,
  OperationNodeTransformer,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  PostgresAdapter,
  PostgresDialect,
  type QueryResult,
  type RawBuilder,
  RawNode,
  type RootOperationNode,
  SqliteDialect,
  sql,
  type UnknownRow,
  ValueNode,
} from 'kysely';
import pg from 'pg';

export type DialectName = 'sqlite' | 'postgres';

export interface Capabilities {
  dialect: DialectName;
  fullTextSearch: 'fts5' | 'tsvector' | 'none';
  /** Largest number of bound parameters in one statement. */
  maxParameters: number;
}

/** A store location that names a PostgreSQL server rather than a SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** `location` with any password replaced by `***`, for messages and logs. */
export function redactLocation(location: string): string {
  return location.replace(/^(postgres(?:ql)?:\/\/[^:/@]+:)[^@]*@/i, '$1***@');
}

export interface OpenedDialect {
  dialect: SqliteDialect | PostgresDialect;
  capabilities: Capabilities;
  plugins: KyselyPlugin[];
}

/** Open a SQLite database file and tune it for a single writer with bulk inserts. */
export function sqliteDialect(file: string): OpenedDialect {
  const database = new SQLite(file);
  // WAL keeps readers working during a run; NORMAL sync is safe with WAL and much faster.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  return {
    dialect: new SqliteDialect({ database }),
    capabilities: { dialect: 'sqlite', fullTextSearch: 'fts5', maxParameters: 32_000 },
    plugins: [portableSqlPlugin('sqlite')],
  };
}

export interface PostgresOptions {
  /** Connections in the pool (default 4: a worker holds one per job in flight plus one). */
  maxConnections?: number;
  /**
   * `false`: commit without waiting for the WAL flush (`synchronous_commit = off`). A crash of the
   * server then loses the last commits, never a commit without those before it (WAL order).
   */
  synchronousCommit?: boolean;
  /** Called when an idle pooled connection dies (server restart, network loss). */
  onIdleError?: (error: Error) => void;
}

/** OIDs of the PostgreSQL types whose default JavaScript form differs from SQLite's. */
const PG_TYPE = { int8: 20, json: 114, jsonb: 3802 } as const;

/**
 * A PostgreSQL pool behind Kysely. JSON columns come back as their text (as from SQLite), so
 * the repositories parse JSON in one place for both dialects; `bigint` counts come back as
 * numbers (they never approach 2^53).
 */
export function postgresDialect(url: string, options: PostgresOptions = {}): OpenedDialect {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 4,
    connectionTimeoutMillis: 10_000,
    ...(options.synchronousCommit === false ? { options: '-c synchronous_commit=off' } : {}),
    // Without this an unreachable server can leave a query waiting on TCP for minutes.
    keepAlive: true,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === PG_TYPE.json || oid === PG_TYPE.jsonb) return (value: string) => value;
        if (oid === PG_TYPE.int8) return (value: string) => Number(value);
        return pg.types.getTypeParser(oid, format ?? 'text');
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection that dies must not crash the process (pg re-emits it on the pool);
  // the next query gets a fresh connection or a clear error.
  pool.on('error', (error) => options.onIdleError?.(error));
  // A connection that dies while checked out (between two queries of a transaction, or pinned
  // for a lock) emits 'error' on its client, which pg leaves unhandled: that would crash the
  // process. Its next query fails with a connection error instead, which callers retry.
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  return {
    dialect: new PostgresDialect({ pool }),
    capabilities: { dialect: 'postgres', fullTextSearch: 'tsvector', maxParameters: 65_000 },
    plugins: [portableSqlPlugin('postgres')],
  };
}

// biome-ignore lint/suspicious/noExplicitAny: schema-agnostic helper
export type AnyDb = Kysely<any>;

/** The dialect of an open store's Kysely instance (or a transaction of it). */
export function dialectOf(db: AnyDb): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

// ---------------------------------------------------------------------------------------------
// Portable SQL: placeholders resolved by each dialect's plugin.

const PORTABLE = {
  jsonType: 'storyline$json_type',
  timestampType: 'storyline$timestamp_type',
  jsonText: 'storyline$json_text',
  contains: 'storyline$contains',
} as const;

const placeholder = <T>(name: string, args: OperationNode[] = []): RawBuilder<T> =>
  sql<T>`${{ toOperationNode: () => FunctionNode.create(name, args) }}`;

/** Rewrites the placeholders and column conventions above into one dialect's SQL. */
class PortableSqlTransformer extends OperationNodeTransformer {
  constructor(private readonly dialect: DialectName) {
    super();
  }

  protected override transformFunction(
    node: FunctionNode,
    queryId?: Parameters<OperationNodeTransformer['transformNode']>[1],
  ): FunctionNode {
    const args = node.arguments.map((a) => this.transformNode(a, queryId));
    const pg = this.dialect === 'postgres';
    let out: OperationNode | undefined;
    switch (node.func) {
      case PORTABLE.jsonType:
        out = RawNode.createWithSql(pg ? 'jsonb' : 'text');
        break;
      case PORTABLE.timestampType:
        out = RawNode.createWithSql(pg ? 'timestamptz' : 'text');
        break;
      case PORTABLE.jsonText: {
        const [column, path] = args as [OperationNode, ValueNode];
        const keys = String(path.value).split('.');
        out = pg
          ? RawNode.create(['(', ' #>> ', ')'], [column, ValueNode.createImmediate(`{${keys.join(',')}}`)])
          : RawNode.create(['json_extract(', ', ', ')'], [column, ValueNode.createImmediate(`$.${keys.join('.')}`)]);
        break;
      }
      case PORTABLE.contains: {
        const [column, pattern] = args as [OperationNode, OperationNode];
        out = pg
          ? RawNode.create(['(CAST(', ' AS text) ILIKE ', " ESCAPE '\\')"], [column, pattern])
          : RawNode.create(['(', ' LIKE ', " ESCAPE '\\')"], [column, pattern]);
        break;
      }
    }
    // The transformer's types expect a FunctionNode back; any node compiles in its place.
    return (out ?? { ...node, arguments: args }) as unknown as FunctionNode;
  }

  protected override transformColumnDefinition(
    node: ColumnDefinitionNode,
    queryId?: Parameters<OperationNodeTransformer['transformNode']>[1],
  ): ColumnDefinitionNode {
    const out = super.transformColumnDefinition(node, queryId);
    if (this.dialect !== 'postgres' || !out.autoIncrement) return out;
    return ColumnDefinitionNode.cloneWith(out, {
      autoIncrement: false,
      generated: GeneratedNode.create({ identity: true, byDefault: true }),
    });
  }

  protected override transformDataType(node: DataTypeNode): DataTypeNode {
    if (this.dialect === 'postgres' && node.dataType === 'real') return DataTypeNode.create('double precision');
    return node;
  }
}

/** The plugin every store's Kysely instance carries (see the file comment). */
export function portableSqlPlugin(dialect: DialectName): KyselyPlugin {
  const transformer = new PortableSqlTransformer(dialect);
  return {
    transformQuery: (args: PluginTransformQueryArgs): RootOperationNode => transformer.transformNode(args.node),
    transformResult: async (args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> => args.result,
  };
}

/** Auto-incrementing integer primary key (an identity column on PostgreSQL). */
export function idColumn<T extends string>(table: CreateTableBuilder<T>, name = 'id'): CreateTableBuilder<T> {
  return table.addColumn(name, 'integer', (col: ColumnDefinitionBuilder) => col.primaryKey().autoIncrement());
}

/** JSON document: text in SQLite, jsonb in PostgreSQL. Values are written and read as JSON text. */
export const jsonColumnType = placeholder<unknown>(PORTABLE.jsonType);

/** A point in time: ISO text in SQLite, timestamptz in PostgreSQL. */
export const timestampColumnType = placeholder<unknown>(PORTABLE.timestampType);

/**
 * A text field inside a JSON column, as an SQL expression (`json_extract` in SQLite, `#>>` in
 * PostgreSQL). The path is code, never user input: it is inlined as a literal so the same
 * expression can back an index (SQLite matches index expressions only against literals).
 * @example jsonText('detail', 'speaker.entityId') // json_extract("detail", '$.speaker.entityId')
 */
export function jsonText(column: string, path: string): RawBuilder<string | null> {
  if (!/^[A-Za-z_][\w.]*$/.test(path)) throw new TypeError(`Unexpected JSON path \`${path}\``);
  return placeholder<string | null>(PORTABLE.jsonText, [sql.ref(column).toOperationNode(), ValueNode.create(path)]);
}

/**
 * `column` contains `term`, case-insensitively (ASCII in SQLite's LIKE; ILIKE over the text form
 * in PostgreSQL, so JSON columns such as `aliases` work too). The term is a bound parameter with
 * its wildcards escaped.
 */
export function containsText(column: string, term: string): RawBuilder<boolean> {
  const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return placeholder<boolean>(PORTABLE.contains, [sql.ref(column).toOperationNode(), ValueNode.create(pattern)]);
}

// ---------------------------------------------------------------------------------------------
// Full-text search: FTS5 in SQLite, tsvector + GIN in PostgreSQL.

/** Name of the SQLite full-text index over `articles(title, text)`. */
const FTS_TABLE = 'articles_fts';

/**
 * The PostgreSQL search document of an article. `simple` (no stemming, no stop words) matches
 * FTS5's unicode61 tokenizer: articles come in many languages. Queries must repeat this exact
 * expression for the GIN index to serve them.
 */
const PG_SEARCH_VECTOR = `to_tsvector('simple'::regconfig, coalesce(title, '') || ' ' || text)`;
const PG_SEARCH_INDEX = 'articles_search';

/**
 * Create the full-text index over `articles.title` + `articles.text`. SQLite: an FTS5 table
 * (external content keyed by the articles' rowid) kept in sync by triggers, filled from the rows
 * already stored; the rowid link survives everything but `VACUUM`, after which rebuild with
 * {@link rebuildFullTextIndex}. PostgreSQL: a GIN expression index, which the server keeps in
 * sync by itself.
 */
export async function createFullTextIndex(db: AnyDb): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql.raw(`CREATE INDEX ${PG_SEARCH_INDEX} ON articles USING gin (${PG_SEARCH_VECTOR})`).execute(db);
    return;
  }
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
  if (dialectOf(db) === 'postgres') {
    await sql.raw(`REINDEX INDEX ${PG_SEARCH_INDEX}`).execute(db);
    return;
  }
  await sql.raw(`INSERT INTO ${FTS_TABLE}(${FTS_TABLE}) VALUES ('rebuild')`).execute(db);
}

export async function dropFullTextIndex(db: AnyDb): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql.raw(`DROP INDEX IF EXISTS ${PG_SEARCH_INDEX}`).execute(db);
    return;
  }
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
 * Articles matching the user's `query`, best first. The query is always a bound parameter.
 * SQLite: it is first tried as written (so `"exact phrase"`, `OR`, `NOT`, `prefix*` work); when
 * FTS5 rejects its syntax it is re-run as quoted terms ({@link quoteTerms}), so no input can
 * fail. PostgreSQL: `websearch_to_tsquery` (`"exact phrase"`, `or`, `-word`; it accepts any
 * input), or, when a term ends in `*`, all terms ANDed with the starred ones as prefixes.
 */
export async function searchFullText(db: AnyDb, query: string, limit: number): Promise<FullTextHit[]> {
  if (dialectOf(db) === 'postgres') return searchPostgres(db, query, limit);
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

async function searchPostgres(db: AnyDb, query: string, limit: number): Promise<FullTextHit[]> {
  const prefixed = prefixQuery(query);
  const tsquery = prefixed
    ? sql`to_tsquery('simple'::regconfig, ${prefixed})`
    : sql`websearch_to_tsquery('simple'::regconfig, ${query})`;
  const vector = sql.raw(PG_SEARCH_VECTOR);
  const { rows } = await sql<FullTextHit>`WITH q AS (SELECT ${tsquery} AS query)
    SELECT a.id AS id,
      ts_headline('simple'::regconfig, coalesce(a.title, '') || ' — ' || a.text, q.query,
        'StartSel=[, StopSel=], MaxWords=16, MinWords=6, MaxFragments=1, FragmentDelimiter=…') AS snippet
    FROM articles a, q
    WHERE ${vector} @@ q.query
    ORDER BY ts_rank(${vector}, q.query) DESC, a.id
    LIMIT ${limit}`.execute(db);
  return rows;
}

/**
 * A `to_tsquery` text for queries using `term*` prefixes: every term ANDed, starred ones as
 * `term:*`; null when no term is starred. Only letters, digits and `_` reach the query.
 * @example prefixQuery('death toll Ald*') // 'death & toll & Ald:*'
 */
export function prefixQuery(query: string): string | null {
  if (!/[\p{L}\p{N}_]\*/u.test(query)) return null;
  const terms = [...query.matchAll(/([\p{L}\p{N}_]+)(\*?)/gu)].slice(0, 32);
  return terms.length ? terms.map(([, term, star]) => `${term}${star ? ':*' : ''}`).join(' & ') : null;
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

// ---------------------------------------------------------------------------------------------
// Locks and errors

/**
 * Run `fn` holding the store-wide lock named `key`: a PostgreSQL session advisory lock on a
 * connection pinned for the duration (released by the server if this process dies). SQLite
 * stores have one writer process, so `fn` just runs. Used around the corpus update so workers on
 * several machines never interleave it.
 */
export async function withStoreLock<T>(db: AnyDb, key: string, fn: () => Promise<T>): Promise<T> {
  if (dialectOf(db) !== 'postgres') return fn();
  return db.connection().execute(async (connection) => {
    await sql`SELECT pg_advisory_lock(hashtext(${key}))`.execute(connection);
    try {
      return await fn();
    } finally {
      await sql`SELECT pg_advisory_unlock(hashtext(${key}))`.execute(connection).catch(() => {});
    }
  });
}

/**
 * After rows were inserted with explicit ids (a copy): make the table's identity continue after
 * the largest id (PostgreSQL; SQLite's autoincrement already does).
 */
export async function resetIdentity(db: AnyDb, table: string, columns: readonly string[]): Promise<void> {
  if (dialectOf(db) !== 'postgres' || !columns.includes('id')) return;
  const { rows } = await sql<{
    sequence: string | null;
  }>`SELECT pg_get_serial_sequence(${table}, 'id') AS sequence`.execute(db);
  const sequence = rows[0]?.sequence;
  if (!sequence) return;
  await sql`SELECT setval(${sequence}, coalesce((SELECT max(id) FROM ${sql.table(table)}), 0) + 1, false)`.execute(db);
}

/**
 * The database is unreachable or the connection was lost (as opposed to a bad query): worth
 * retrying after a pause.
 */
export function isConnectionError(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | undefined;
  if (!e) return false;
  if (
    typeof e.code === 'string' &&
    /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EPIPE|57P0[123]|08\w{3})$/.test(e.code)
  )
    return true;
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|terminating connection/i.test(
    e.message ?? '',
  );
}
