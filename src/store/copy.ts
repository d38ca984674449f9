/**
 * Copy every table of one store into another, empty one (`storyline migrate --from a.db --to
 * postgres://…`), in one transaction on the target, and prove it: per table, the row count and
 * a checksum computed the same way on both sides. A mismatch rolls the copy back.
 *
 * The checksum is order-independent (the sum of per-row SHA-256 prefixes, mod 2^64): the two
 * databases sort text differently, and this way neither side has to sort at all. Each row is
 * hashed in a canonical form so equal data hashes equal across dialects: JSON documents with
 * sorted keys (PostgreSQL's jsonb reorders keys and spaces), times as ISO instants.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { type AnyDb, dialectOf, resetIdentity } from './dialect.js';
import type { Store } from './open.js';
import { StoreError } from './open.js';

export interface TableCopy {
  table: string;
  sourceRows: number;
  targetRows: number;
  sourceChecksum: string;
  targetChecksum: string;
}

export interface CopyOptions {
  /** Called after each table is copied. */
  onTable?: (table: string, rows: number) => void;
}

/** Parents before children (foreign keys); every other table follows in name order. */
const FIRST = ['runs', 'articles', 'mentions'];
/** SQLite's full-text tables and Kysely's bookkeeping are not data. */
const SKIP = /^(kysely_|articles_fts|sqlite_)/;
const PAGE = 2000;

export async function copyStore(from: Store, to: Store, options: CopyOptions = {}): Promise<TableCopy[]> {
  const sourceTables = await describeTables(from.db);
  const targetTables = await describeTables(to.db);
  const tables = [...sourceTables.keys()]
    .filter((t) => targetTables.has(t))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const missing = [...sourceTables.keys()].filter((t) => !targetTables.has(t));
  if (missing.length) throw new StoreError(`Cannot copy: \`${to.location}\` has no table ${missing.join(', ')}`);
  for (const table of ['articles', 'runs']) {
    const n = await countRows(to.db, table);
    if (n > 0) {
      throw new StoreError(
        `Cannot copy into \`${to.location}\`: it already holds ${n} ${table} rows (copy into an empty database)`,
      );
    }
  }
  return to.db.transaction().execute(async (trx) => {
    // Seeded rows (such as `corpus_state`) are replaced by the source's.
    for (const table of [...tables].reverse()) await trx.deleteFrom(table as never).execute();
    const out: TableCopy[] = [];
    for (const table of tables) {
      const columns = (sourceTables.get(table) ?? []).filter((c) => targetTables.get(table)?.includes(c));
      const rowsPerInsert = Math.max(1, Math.floor(30_000 / Math.max(1, columns.length)));
      let copied = 0;
      for await (const rows of pages(from.db, table, columns)) {
        for (let i = 0; i < rows.length; i += rowsPerInsert) {
          await trx
            .insertInto(table as never)
            .values(rows.slice(i, i + rowsPerInsert) as never)
            .execute();
        }
        copied += rows.length;
      }
      await resetIdentity(trx, table, columns);
      options.onTable?.(table, copied);
      const kinds = await columnKinds(to.db, table);
      const [source, target] = [
        await checksum(from.db, table, columns, kinds),
        await checksum(trx, table, columns, kinds),
      ];
      out.push({
        table,
        sourceRows: source.rows,
        targetRows: target.rows,
        sourceChecksum: source.sum,
        targetChecksum: target.sum,
      });
    }
    const bad = out.filter((t) => t.sourceRows !== t.targetRows || t.sourceChecksum !== t.targetChecksum);
    if (bad.length) {
      throw new StoreError(
        `Copy verification failed (rolled back) for ${bad.map((t) => `${t.table} (${t.sourceRows}→${t.targetRows} rows)`).join(', ')}`,
      );
    }
    return out;
  });
}

const rank = (table: string) => {
  const i = FIRST.indexOf(table);
  return i === -1 ? FIRST.length : i;
};

/** Table → column names, for the data tables of a store. */
async function describeTables(db: AnyDb): Promise<Map<string, string[]>> {
  const tables = await db.introspection.getTables();
  return new Map(
    tables.filter((t) => !t.isView && !SKIP.test(t.name)).map((t) => [t.name, t.columns.map((c) => c.name)]),
  );
}

async function countRows(db: AnyDb, table: string): Promise<number> {
  const row = await db
    .selectFrom(table as never)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number((row as { n?: number } | undefined)?.n ?? 0);
}

/**
 * All rows of `table`, a page at a time. Pages follow SQLite's rowid, or PostgreSQL's physical
 * order through a key-less `ORDER BY` of every column (stable within one transaction).
 */
async function* pages(db: AnyDb, table: string, columns: string[]): AsyncGenerator<Record<string, unknown>[]> {
  const sqlite = dialectOf(db) === 'sqlite';
  let after = -Infinity;
  for (let offset = 0; ; offset += PAGE) {
    let query = db.selectFrom(table as never).select(columns.map((c) => sql.ref(c).as(c)) as never);
    if (sqlite) {
      query = query
        .select(sql<number>`rowid`.as('__rowid') as never)
        .where(sql`rowid`, '>', after === -Infinity ? Number.MIN_SAFE_INTEGER : after)
        .orderBy(sql`rowid`)
        .limit(PAGE);
    } else {
      for (const c of columns) query = query.orderBy(sql.ref(c));
      query = query.limit(PAGE).offset(offset);
    }
    const rows = (await query.execute()) as Record<string, unknown>[];
    if (rows.length === 0) return;
    if (sqlite) {
      after = Number(rows.at(-1)?.__rowid);
      for (const r of rows) delete r.__rowid;
    }
    yield rows;
    if (rows.length < PAGE) return;
  }
}

type ColumnKind = 'json' | 'time' | 'plain';

/** How to canonicalise each column, from the PostgreSQL side's types (SQLite stores both as text). */
async function columnKinds(db: AnyDb, table: string): Promise<Map<string, ColumnKind>> {
  const meta = (await db.introspection.getTables()).find((t) => t.name === table);
  return new Map(
    (meta?.columns ?? []).map((c) => [
      c.name,
      /json/i.test(c.dataType) ? 'json' : /timestamp/i.test(c.dataType) ? 'time' : 'plain',
    ]),
  );
}

/** Count and order-independent checksum of a table's rows (see the file comment). */
async function checksum(
  db: AnyDb,
  table: string,
  columns: string[],
  kinds: Map<string, ColumnKind>,
): Promise<{ rows: number; sum: string }> {
  let sum = 0n;
  let rows = 0;
  for await (const page of pages(db, table, columns)) {
    for (const row of page) {
      const canonical = JSON.stringify(columns.map((c) => canonicalValue(row[c], kinds.get(c) ?? 'plain')));
      sum = (sum + createHash('sha256').update(canonical).digest().readBigUInt64BE(0)) & 0xffff_ffff_ffff_ffffn;
      rows++;
    }
  }
  return { rows, sum: sum.toString(16).padStart(16, '0') };
}

function canonicalValue(value: unknown, kind: ColumnKind): unknown {
  if (value === null || value === undefined) return null;
  if (kind === 'json' && typeof value === 'string') return sortKeys(JSON.parse(value));
  if (kind === 'time') return new Date(value as string | Date).toISOString();
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return Number(value);
  return value;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
