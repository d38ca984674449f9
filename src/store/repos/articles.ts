/**
 * Articles and their annotation layers: typed rows in, typed objects out. JSON is parsed here.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { CorpusArticle } from '../../core/corpus.js';
import type { Article, ClaimItem, EntityMention, NewsDoc, QuoteItem, TimeItem } from '../../core/doc.js';
import type { ArticlesTable, Database, MentionsTable } from '../schema.js';

type Db = Kysely<Database> | Transaction<Database>;
type MentionRow = Omit<MentionsTable, 'id'>;
type Item = EntityMention | QuoteItem | ClaimItem | TimeItem;

/** Content hashes already stored, among `hashes`. */
export async function findStoredHashes(db: Db, hashes: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < hashes.length; i += 500) {
    const rows = await db
      .selectFrom('articles')
      .select('content_hash')
      .where('content_hash', 'in', hashes.slice(i, i + 500))
      .execute();
    for (const r of rows) found.add(r.content_hash);
  }
  return found;
}

/**
 * Store annotated documents in one transaction: all of them or none, so a failure never
 * leaves a half-written article. Articles whose content hash is already stored are skipped.
 * Returns the ids stored.
 */
export async function insertDocs(db: Kysely<Database>, docs: readonly NewsDoc[], runId: number): Promise<string[]> {
  if (docs.length === 0) return [];
  return db.transaction().execute(async (trx) => {
    const known = await findStoredHashes(
      trx,
      docs.map((d) => d.article.contentHash),
    );
    const fresh = docs.filter((d) => !known.has(d.article.contentHash));
    const now = new Date().toISOString();
    // Rows go in content-hash order: two writers storing overlapping batches then take the
    // unique-index locks in one order and wait for each other instead of deadlocking.
    const articleRows = fresh
      .map((d) => toArticleRow(d.article, runId, now))
      .sort((a, b) => (a.content_hash < b.content_hash ? -1 : a.content_hash > b.content_hash ? 1 : 0));
    const inserted = new Set<string>();
    for (let i = 0; i < articleRows.length; i += 100) {
      // Another writer (a worker on another machine) may store the same content between the
      // check above and this insert: the content hash is unique, so its copy wins and ours is
      // skipped along with its mentions, never stored twice.
      const rows = await trx
        .insertInto('articles')
        .values(articleRows.slice(i, i + 100))
        .onConflict((oc) => oc.column('content_hash').doNothing())
        .returning('id')
        .execute();
      for (const r of rows) inserted.add(r.id);
    }
    const stored = fresh.filter((d) => inserted.has(d.article.id));
    const mentionRows = stored.flatMap(toMentionRows);
    // 11 columns per row; stay well under SQLite's bound-parameter limit.
    for (let i = 0; i < mentionRows.length; i += 2000) {
      await trx
        .insertInto('mentions')
        .values(mentionRows.slice(i, i + 2000))
        .execute();
    }
    return stored.map((d) => d.article.id);
  });
}

/** The `articles` row of an article (JSON fields serialised). */
export function toArticleRow(a: Article, runId: number, now: string): ArticlesTable {
  return {
    id: a.id,
    origin: a.origin,
    content_hash: a.contentHash,
    site: a.site,
    title: a.title,
    published_date: a.published.date,
    published_from: a.published.from,
    published_to: a.published.to,
    published_how: a.published.how,
    published_evidence: a.published.evidence ?? null,
    language: a.language,
    wire: JSON.stringify(a.wire),
    author: a.author,
    text: a.text,
    removed: JSON.stringify(a.removed),
    run_id: runId,
    stored_at: now,
    status: a.status ?? 'ok',
    status_reason: a.statusReason ?? null,
    url: a.url ?? null,
    field_sources: a.fieldSources ? JSON.stringify(a.fieldSources) : null,
    offsets: a.offsets ? JSON.stringify(a.offsets) : null,
  };
}

/** The `mentions` rows of a document's layers. */
export function toMentionRows(doc: NewsDoc): MentionRow[] {
  const { entities = [], quotes = [], claims = [], times = [] } = doc.layers;
  const items: Item[] = [...entities, ...quotes, ...claims, ...times];
  return items.map((item) => {
    const { kind, start, end, text, prov, ...detail } = item;
    return {
      article_id: doc.article.id,
      kind,
      span_start: start,
      span_end: end,
      text,
      stage: prov.stage,
      stage_version: prov.version,
      rule: prov.rule ?? null,
      entity_id: kind === 'entity' ? (item as EntityMention).entityId : null,
      detail: JSON.stringify({ ...detail, ...(prov.confidence !== undefined ? { confidence: prov.confidence } : {}) }),
    };
  });
}

export function fromArticleRow(r: Selectable<ArticlesTable>): Article {
  return {
    id: r.id,
    origin: r.origin,
    contentHash: r.content_hash,
    site: r.site,
    title: r.title,
    published: {
      date: r.published_date,
      from: r.published_from,
      to: r.published_to,
      how: r.published_how as Article['published']['how'],
      ...(r.published_evidence ? { evidence: r.published_evidence } : {}),
    },
    language: r.language,
    wire: JSON.parse(r.wire) as string[],
    author: r.author,
    text: r.text,
    removed: JSON.parse(r.removed) as Article['removed'],
    status: (r.status ?? 'ok') as NonNullable<Article['status']>,
    ...(r.status_reason ? { statusReason: r.status_reason } : {}),
    url: r.url ?? null,
    ...(r.field_sources ? { fieldSources: JSON.parse(r.field_sources) as Article['fieldSources'] } : {}),
    ...(r.offsets ? { offsets: JSON.parse(r.offsets) as Article['offsets'] } : {}),
  };
}

function fromMentionRow(r: Selectable<MentionsTable>): Item {
  const detail = JSON.parse(r.detail) as Record<string, unknown>;
  const { confidence, ...fields } = detail;
  return {
    ...fields,
    kind: r.kind,
    start: r.span_start,
    end: r.span_end,
    text: r.text,
    prov: {
      stage: r.stage,
      version: r.stage_version,
      ...(r.rule ? { rule: r.rule } : {}),
      ...(typeof confidence === 'number' ? { confidence } : {}),
    },
  } as Item;
}

/**
 * Articles with their layers, in id order; all of them, or those in `ids`.
 * Rows are put in order here rather than by the database: an ORDER BY over every mention of
 * 500 articles (or over 500 full article texts) outgrows PostgreSQL's default work_mem and
 * spills to disk, which made this load the slowest serial step of a queue run.
 */
export async function loadCorpusArticles(db: Db, ids?: readonly string[]): Promise<CorpusArticle[]> {
  const out: CorpusArticle[] = [];
  // The id list alone is small, so the database sorts it (in its own collation) cheaply.
  const all = ids
    ? await sortIdsByStore(db, ids)
    : (await db.selectFrom('articles').select('id').orderBy('id').execute()).map((r) => r.id);
  for (let i = 0; i < all.length; i += 500) {
    const chunk = all.slice(i, i + 500);
    const rows = await db.selectFrom('articles').selectAll().where('id', 'in', chunk).execute();
    const mentions = await db.selectFrom('mentions').selectAll().where('article_id', 'in', chunk).execute();
    const byArticle = new Map<string, Selectable<MentionsTable>[]>();
    for (const m of mentions) {
      const list = byArticle.get(m.article_id);
      if (list) list.push(m);
      else byArticle.set(m.article_id, [m]);
    }
    const rowById = new Map(rows.map((r) => [r.id, r]));
    for (const id of chunk) {
      const r = rowById.get(id);
      if (!r) continue;
      const items = (byArticle.get(id) ?? []).sort(byPosition).map(fromMentionRow);
      out.push({
        ...fromArticleRow(r),
        entities: items.filter((x): x is EntityMention => x.kind === 'entity'),
        quotes: items.filter((x): x is QuoteItem => x.kind === 'quote'),
        claims: items.filter((x): x is ClaimItem => x.kind === 'claim'),
        times: items.filter((x): x is TimeItem => x.kind === 'time'),
      });
    }
  }
  return out;
}

/** Mentions in text order, ties in insertion (row id) order. */
function byPosition(a: Selectable<MentionsTable>, b: Selectable<MentionsTable>): number {
  return a.span_start - b.span_start || Number(a.id) - Number(b.id);
}

/** Stored ids among `ids`, in the order `ORDER BY id` gives. */
async function sortIdsByStore(db: Db, ids: readonly string[]): Promise<string[]> {
  const sorted: string[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('articles')
      .select('id')
      .where('id', 'in', ids.slice(i, i + 500))
      .orderBy('id')
      .execute();
    for (const r of rows) sorted.push(r.id);
  }
  return sorted;
}

/** Ids of articles whose id starts with `prefix` (for short ids typed by users). */
export async function findArticleIds(db: Db, prefix: string): Promise<string[]> {
  const rows = await db.selectFrom('articles').select('id').where('id', 'like', `${prefix}%`).limit(5).execute();
  return rows.map((r) => r.id);
}

export async function countArticles(db: Db): Promise<number> {
  const row = await db
    .selectFrom('articles')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
