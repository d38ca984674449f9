/**
 * Read queries behind the HTTP API: every list is one indexed, paged query plus lookups for the
 * page's own rows, and every detail loads only the rows of that story, article or entity, so the
 * cost of a page does not grow with the size of the store. JSON columns are parsed here.
 */
import type { Kysely } from 'kysely';
import type {
  Conflict,
  CorpusEntity,
  Duplicate,
  Evidence,
  Story,
  StoryEvent,
  TimelineEntry,
} from '../../core/corpus.js';
import type { Attribution, ClaimTime } from '../../core/doc.js';
import { type ExportArticle, toExportArticle } from '../../views/export.js';
import { containsText, jsonText } from '../dialect.js';
import type { Database } from '../schema.js';
import { loadCorpusArticles } from './articles.js';

type Db = Kysely<Database>;

/** Bound parameters per `IN (…)` list: far below SQLite's limit, large enough to be few queries. */
const CHUNK = 500;

export interface Page {
  limit: number;
  offset: number;
}

export interface PageOf<T> extends Page {
  items: T[];
  total: number;
}

export interface StorySummary {
  storyId: string;
  title: string;
  articleCount: number;
  independentSources: number;
  firstPublished: string | null;
  lastPublished: string | null;
  /** Sites of the story's articles, most articles first. */
  sites: string[];
  /** Articles per publication date, oldest first (articles without a date are left out). */
  coverage: { date: string; count: number }[];
}

export interface ArticleSummary {
  id: string;
  title: string | null;
  site: string | null;
  /** Exact publication date (ISO), or null when unknown or only a range is known. */
  published: string | null;
  language: string | null;
  wire: string[];
  storyId: string | null;
}

export interface QuoteRow {
  article: string;
  site: string | null;
  published: string | null;
  start: number;
  end: number;
  text: string;
  speaker: Attribution | null;
  cue: string | null;
}

export interface ClaimRow {
  article: string;
  site: string | null;
  published: string | null;
  start: number;
  end: number;
  text: string;
  value: number;
  valueMax: number | null;
  unit: string;
  claimant: Attribution | null;
  hedged: boolean;
  approx: string | null;
  /** The time the figure refers to (its sentence's resolved time expression), or null. */
  time: ClaimTime | null;
}

export interface EntityCount {
  entityId: string;
  name: string;
  type: string;
}

export interface LineageGroup {
  groupId: string;
  articles: string[];
  original: string;
  wire: string[];
}

export interface StoryDetail {
  story: Story;
  articles: ArticleSummary[];
  timeline: TimelineEntry[];
  conflicts: Conflict[];
  duplicates: Duplicate[];
  entities: (EntityCount & { mentions: number })[];
  quotes: QuoteRow[];
  claims: ClaimRow[];
  lineage: LineageGroup[];
}

export interface ArticleDetail extends ExportArticle {
  diagnostics: { severity: string; rule: string; reason: string; start: number | null; end: number | null }[];
  copies: Duplicate[];
}

export interface EntityDetail {
  entity: CorpusEntity;
  mentionsByDate: { date: string; count: number }[];
  quotes: QuoteRow[];
  articles: ArticleSummary[];
  coMentioned: (EntityCount & { count: number })[];
  /** Ids merged into this entity (automatically or by the user), sorted. */
  mergedIds: string[];
}

export interface Stats {
  articles: number;
  stories: number;
  entities: number;
  conflicts: number;
  lastRun: { id: number; finishedAt: string | null } | null;
}

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function count(db: Db, table: 'articles' | 'stories' | 'entities' | 'conflicts'): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The latest run: its id changes with every write, so it keys the API's ETags. */
export async function lastRun(db: Db): Promise<Stats['lastRun']> {
  const row = await db
    .selectFrom('runs')
    .select(['id', 'finished_at'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { id: row.id, finishedAt: row.finished_at } : null;
}

export async function getStats(db: Db): Promise<Stats> {
  const [articles, stories, entities, conflicts, run] = await Promise.all([
    count(db, 'articles'),
    count(db, 'stories'),
    count(db, 'entities'),
    count(db, 'conflicts'),
    lastRun(db),
  ]);
  return { articles, stories, entities, conflicts, lastRun: run };
}

// ---------------------------------------------------------------------------------------------
// Entity ids: mentions keep the id they were found with; the corpus stage records merges in
// `entity_remap`, so ids are rewritten on the way out and widened on the way in.

async function remapOf(db: Db, ids: Iterable<string>): Promise<Map<string, string>> {
  const remap = new Map<string, string>();
  for (const part of chunks([...new Set(ids)])) {
    const rows = await db.selectFrom('entity_remap').selectAll().where('from_id', 'in', part).execute();
    for (const r of rows) remap.set(r.from_id, r.to_id);
  }
  return remap;
}

/** `id` plus every id merged into it. */
export async function mergedIds(db: Db, id: string): Promise<string[]> {
  const rows = await db.selectFrom('entity_remap').select('from_id').where('to_id', '=', id).execute();
  return [id, ...rows.map((r) => r.from_id)];
}

/** The entity an id now stands for (itself, or the one it was merged into). */
export async function resolveEntityId(db: Db, id: string): Promise<string> {
  const row = await db.selectFrom('entity_remap').select('to_id').where('from_id', '=', id).executeTakeFirst();
  return row?.to_id ?? id;
}

const attribution = (a: Attribution | null | undefined, remap: ReadonlyMap<string, string>): Attribution | null =>
  a ? { entityId: a.entityId === null ? null : (remap.get(a.entityId) ?? a.entityId), name: a.name } : null;

// ---------------------------------------------------------------------------------------------
// Stories

type StoryRow = Database['stories'] extends infer T ? { [K in keyof T]: T[K] } : never;

/** Summaries for story rows, with sites and coverage read from their members only. */
async function storySummaries(db: Db, rows: readonly StoryRow[]): Promise<StorySummary[]> {
  const sites = new Map<string, Map<string, number>>();
  const dates = new Map<string, Map<string, number>>();
  for (const part of chunks(rows.map((r) => r.story_id))) {
    const members = await db
      .selectFrom('story_members as sm')
      .innerJoin('articles as a', 'a.id', 'sm.article_id')
      .select(['sm.story_id', 'a.site', 'a.published_date'])
      .where('sm.story_id', 'in', part)
      .execute();
    for (const m of members) {
      const bump = (map: Map<string, Map<string, number>>, key: string) => {
        const inner = map.get(m.story_id) ?? new Map<string, number>();
        inner.set(key, (inner.get(key) ?? 0) + 1);
        map.set(m.story_id, inner);
      };
      if (m.site) bump(sites, m.site);
      if (m.published_date) bump(dates, m.published_date);
    }
  }
  return rows.map((r) => ({
    storyId: r.story_id,
    title: r.title,
    articleCount: r.article_count,
    independentSources: r.independent_sources,
    firstPublished: r.first_published,
    lastPublished: r.last_published,
    sites: [...(sites.get(r.story_id) ?? new Map<string, number>())]
      .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
      .map(([site]) => site),
    coverage: [...(dates.get(r.story_id) ?? new Map<string, number>())]
      .sort((x, y) => x[0].localeCompare(y[0]))
      .map(([date, n]) => ({ date, count: n })),
  }));
}

/** Stories, biggest first (`size`) or most recently published first (`recent`). */
export async function listStories(db: Db, options: Page & { sort: 'size' | 'recent' }): Promise<PageOf<StorySummary>> {
  let query = db.selectFrom('stories').selectAll();
  query =
    options.sort === 'recent'
      ? query.orderBy('last_published', (o) => o.desc().nullsLast()).orderBy('story_id', 'desc')
      : query.orderBy('article_count', 'desc').orderBy('story_id', 'desc');
  const [rows, total] = await Promise.all([
    query.limit(options.limit).offset(options.offset).execute(),
    count(db, 'stories'),
  ]);
  return { items: await storySummaries(db, rows), total, ...page(options) };
}

/** Story summaries by id, in the order given (unknown ids are skipped). */
export async function storySummariesById(db: Db, ids: readonly string[]): Promise<StorySummary[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('stories').selectAll().where('story_id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.story_id, r]));
  return storySummaries(
    db,
    ids.flatMap((id) => byId.get(id) ?? []),
  );
}

/** Everything the story page shows, or null for an unknown id. */
export async function getStory(db: Db, storyId: string): Promise<StoryDetail | null> {
  const row = await db.selectFrom('stories').selectAll().where('story_id', '=', storyId).executeTakeFirst();
  if (!row) return null;
  const memberIds = (
    await db.selectFrom('story_members').select('article_id').where('story_id', '=', storyId).execute()
  ).map((m) => m.article_id);
  const [articles, timeline, conflicts, duplicates, quotes, claims, entities] = await Promise.all([
    articleSummaries(db, memberIds, storyId),
    listTimeline(db, { story: storyId, limit: 10_000, offset: 0 }),
    listConflicts(db, { story: storyId, limit: 10_000, offset: 0 }),
    duplicatesAmong(db, memberIds),
    quoteRows(db, memberIds),
    claimRows(db, memberIds),
    entityCounts(db, memberIds),
  ]);
  articles.sort(byPublished);
  return {
    story: {
      storyId: row.story_id,
      title: row.title,
      articles: articles.map((a) => a.id),
      independentSources: row.independent_sources,
      events: JSON.parse(row.events) as StoryEvent[],
    },
    articles,
    timeline: timeline.items,
    conflicts: conflicts.items,
    duplicates,
    entities,
    quotes,
    claims,
    lineage: lineage(articles, duplicates),
  };
}

function byPublished(x: { published: string | null; id?: string }, y: { published: string | null; id?: string }) {
  return (x.published ?? '9999').localeCompare(y.published ?? '9999') || (x.id ?? '').localeCompare(y.id ?? '');
}

/**
 * Groups of copies among a story's articles (connected by any duplicate link); every article
 * not copied is a group of its own. `original` is the earliest published member (the link's
 * `a` side on ties); `wire` lists the agencies any member credits.
 */
function lineage(articles: readonly ArticleSummary[], duplicates: readonly Duplicate[]): LineageGroup[] {
  const parent = new Map(articles.map((a) => [a.id, a.id]));
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    parent.set(id, root);
    return root;
  };
  const copied = new Set<string>();
  for (const d of duplicates) {
    if (!parent.has(d.a) || !parent.has(d.b)) continue;
    copied.add(d.b);
    parent.set(find(d.b), find(d.a));
  }
  const groups = new Map<string, ArticleSummary[]>();
  for (const a of articles) groups.set(find(a.id), [...(groups.get(find(a.id)) ?? []), a]);
  return [...groups.values()]
    .map((members) => {
      const ordered = [...members].sort(
        (x, y) =>
          (x.published ?? '9999').localeCompare(y.published ?? '9999') ||
          Number(copied.has(x.id)) - Number(copied.has(y.id)) ||
          x.id.localeCompare(y.id),
      );
      const original = (ordered[0] as ArticleSummary).id;
      return {
        groupId: `g_${original.replace(/^a_/, '')}`,
        articles: ordered.map((a) => a.id),
        original,
        wire: [...new Set(members.flatMap((a) => a.wire))].sort(),
      };
    })
    .sort((x, y) => y.articles.length - x.articles.length || x.original.localeCompare(y.original));
}

async function duplicatesAmong(db: Db, ids: readonly string[]): Promise<Duplicate[]> {
  const seen = new Map<string, Duplicate>();
  for (const part of chunks(ids)) {
    const rows = await db
      .selectFrom('duplicates')
      .selectAll()
      .where((eb) => eb.or([eb('a', 'in', part), eb('b', 'in', part)]))
      .execute();
    for (const d of rows) seen.set(`${d.a} ${d.b}`, { ...d, kind: d.kind as Duplicate['kind'] });
  }
  return [...seen.values()].sort((x, y) => x.a.localeCompare(y.a) || x.b.localeCompare(y.b));
}

/** Entities mentioned in these articles with their mention counts, most mentioned first. */
async function entityCounts(db: Db, articleIds: readonly string[]): Promise<(EntityCount & { mentions: number })[]> {
  const counts = new Map<string, { n: number; name: string | null; type: string | null }>();
  for (const part of chunks(articleIds)) {
    const rows = await db
      .selectFrom('mentions')
      .select((eb) => [
        'entity_id',
        eb.fn.countAll<number>().as('n'),
        eb.fn.max(jsonText('detail', 'name')).as('name'),
        eb.fn.max(jsonText('detail', 'type')).as('type'),
      ])
      .where('kind', '=', 'entity')
      .where('article_id', 'in', part)
      .groupBy('entity_id')
      .execute();
    for (const r of rows) {
      if (!r.entity_id) continue;
      const prev = counts.get(r.entity_id);
      counts.set(r.entity_id, { n: (prev?.n ?? 0) + Number(r.n), name: r.name, type: r.type });
    }
  }
  return (await mergeEntityCounts(db, counts)).map(({ entity, n }) => ({ ...entity, mentions: n }));
}

/** Rewrite merged ids, add the corpus names and types; most counted first. */
async function mergeEntityCounts(
  db: Db,
  counts: ReadonlyMap<string, { n: number; name: string | null; type: string | null }>,
): Promise<{ entity: EntityCount; n: number }[]> {
  const remap = await remapOf(db, counts.keys());
  const merged = new Map<string, { n: number; name: string | null; type: string | null }>();
  for (const [id, c] of counts) {
    const to = remap.get(id) ?? id;
    const prev = merged.get(to);
    merged.set(to, { n: (prev?.n ?? 0) + c.n, name: prev?.name ?? c.name, type: prev?.type ?? c.type });
  }
  const known = new Map<string, { name: string; type: string }>();
  for (const part of chunks([...merged.keys()])) {
    const rows = await db
      .selectFrom('entities')
      .select(['entity_id', 'name', 'type'])
      .where('entity_id', 'in', part)
      .execute();
    for (const r of rows) known.set(r.entity_id, r);
  }
  return [...merged]
    .map(([entityId, c]) => ({
      entity: {
        entityId,
        name: known.get(entityId)?.name ?? c.name ?? entityId,
        type: known.get(entityId)?.type ?? c.type ?? 'other',
      },
      n: c.n,
    }))
    .sort((x, y) => y.n - x.n || x.entity.entityId.localeCompare(y.entity.entityId));
}

// ---------------------------------------------------------------------------------------------
// Articles

/** Summaries for `ids` (order not kept); `storyId` saves the membership lookup when known. */
export async function articleSummaries(db: Db, ids: readonly string[], storyId?: string): Promise<ArticleSummary[]> {
  const out: ArticleSummary[] = [];
  for (const part of chunks(ids)) {
    const rows = await db
      .selectFrom('articles')
      .select(['id', 'title', 'site', 'published_date', 'language', 'wire'])
      .where('id', 'in', part)
      .execute();
    const storyOf = storyId ? null : await storiesOf(db, part);
    for (const r of rows) {
      out.push({
        id: r.id,
        title: r.title,
        site: r.site,
        published: r.published_date,
        language: r.language,
        wire: JSON.parse(r.wire) as string[],
        storyId: storyId ?? storyOf?.get(r.id) ?? null,
      });
    }
  }
  return out;
}

async function storiesOf(db: Db, articleIds: readonly string[]): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('story_members')
    .select(['article_id', 'story_id'])
    .where('article_id', 'in', articleIds)
    .execute();
  return new Map(rows.map((r) => [r.article_id, r.story_id]));
}

/**
 * Articles, newest first (undated last); only one story's (`story`) or only those mentioning
 * an entity (`entity`, merged ids included).
 */
export async function listArticles(
  db: Db,
  options: Page & { story?: string; entity?: string },
): Promise<PageOf<ArticleSummary>> {
  let base = db.selectFrom('articles');
  if (options.story !== undefined) {
    const story = options.story;
    base = base.where('id', 'in', (eb) =>
      eb.selectFrom('story_members').select('article_id').where('story_id', '=', story),
    );
  }
  if (options.entity !== undefined) {
    const ids = await mergedIds(db, await resolveEntityId(db, options.entity));
    base = base.where('id', 'in', (eb) => eb.selectFrom('mentions').select('article_id').where('entity_id', 'in', ids));
  }
  const [rows, totalRow] = await Promise.all([
    base
      .select('id')
      .orderBy('published_date', (o) => o.desc().nullsLast())
      .orderBy('id', 'desc')
      .limit(options.limit)
      .offset(options.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  const summaries = new Map(
    (
      await articleSummaries(
        db,
        rows.map((r) => r.id),
      )
    ).map((a) => [a.id, a]),
  );
  return {
    items: rows.flatMap((r) => summaries.get(r.id) ?? []),
    total: Number(totalRow?.n ?? 0),
    ...page(options),
  };
}

/** One article in export form plus its diagnostics and copies, or null for an unknown id. */
export async function getArticle(db: Db, id: string): Promise<ArticleDetail | null> {
  const [article] = await loadCorpusArticles(db, [id]);
  if (!article) return null;
  const entityIds = [
    ...article.entities.map((e) => e.entityId),
    ...article.quotes.flatMap((q) => q.speaker?.entityId ?? []),
    ...article.claims.flatMap((c) => c.claimant?.entityId ?? []),
  ];
  const [remap, storyOf, diagnostics, copies] = await Promise.all([
    remapOf(db, entityIds),
    storiesOf(db, [id]),
    db
      .selectFrom('diagnostics')
      .select(['severity', 'rule', 'reason', 'span_start', 'span_end'])
      .where('article_id', '=', id)
      .orderBy('id')
      .execute(),
    duplicatesAmong(db, [id]),
  ]);
  return {
    ...toExportArticle(article, remap, storyOf),
    diagnostics: diagnostics.map((d) => ({
      severity: d.severity,
      rule: d.rule,
      reason: d.reason,
      start: d.span_start,
      end: d.span_end,
    })),
    copies,
  };
}

// ---------------------------------------------------------------------------------------------
// Quotes and claims

type MentionFilter = { articles?: readonly string[]; speakers?: readonly string[]; unit?: string };

async function mentionRows(
  db: Db,
  kind: 'quote' | 'claim',
  filter: MentionFilter,
  options: Page & { ordered: 'position' | 'published' },
) {
  let query = db
    .selectFrom('mentions as m')
    .innerJoin('articles as a', 'a.id', 'm.article_id')
    .select(['m.article_id', 'a.site', 'a.published_date', 'm.span_start', 'm.span_end', 'm.text', 'm.detail'])
    .where('m.kind', '=', kind);
  if (filter.articles) query = query.where('m.article_id', 'in', filter.articles);
  if (filter.speakers) query = query.where(jsonText('m.detail', 'speaker.entityId'), 'in', filter.speakers);
  if (filter.unit !== undefined) query = query.where(jsonText('m.detail', 'unit'), '=', filter.unit);
  query =
    options.ordered === 'published'
      ? query.orderBy('a.published_date', (o) => o.desc().nullsLast()).orderBy('m.article_id')
      : query.orderBy('m.article_id');
  const sorted = query.orderBy('m.span_start');
  // A negative limit means every row (PostgreSQL rejects SQLite's `LIMIT -1`).
  return (options.limit < 0 ? sorted : sorted.limit(options.limit).offset(options.offset)).execute();
}

async function countMentions(db: Db, kind: 'quote' | 'claim', filter: MentionFilter): Promise<number> {
  let query = db
    .selectFrom('mentions as m')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('m.kind', '=', kind);
  if (filter.articles) query = query.where('m.article_id', 'in', filter.articles);
  if (filter.speakers) query = query.where(jsonText('m.detail', 'speaker.entityId'), 'in', filter.speakers);
  if (filter.unit !== undefined) query = query.where(jsonText('m.detail', 'unit'), '=', filter.unit);
  return Number((await query.executeTakeFirst())?.n ?? 0);
}

type RawMention = Awaited<ReturnType<typeof mentionRows>>[number];

function toQuoteRow(r: RawMention, remap: ReadonlyMap<string, string>): QuoteRow {
  const d = JSON.parse(r.detail) as { speaker?: Attribution | null; cue?: string | null };
  return {
    article: r.article_id,
    site: r.site,
    published: r.published_date,
    start: r.span_start,
    end: r.span_end,
    text: r.text,
    speaker: attribution(d.speaker, remap),
    cue: d.cue ?? null,
  };
}

function toClaimRow(r: RawMention, remap: ReadonlyMap<string, string>): ClaimRow {
  const d = JSON.parse(r.detail) as {
    value: number;
    valueMax?: number;
    unit: string;
    claimant?: Attribution | null;
    hedged?: boolean;
    approx?: string | null;
    time?: ClaimTime | null;
  };
  return {
    article: r.article_id,
    site: r.site,
    published: r.published_date,
    start: r.span_start,
    end: r.span_end,
    text: r.text,
    value: d.value,
    valueMax: d.valueMax ?? null,
    unit: d.unit,
    claimant: attribution(d.claimant, remap),
    hedged: d.hedged ?? false,
    approx: d.approx ?? null,
    time: d.time ?? null,
  };
}

const detailIds = (rows: readonly RawMention[], field: 'speaker' | 'claimant') =>
  rows.flatMap((r) => (JSON.parse(r.detail)[field] as Attribution | null | undefined)?.entityId ?? []);

async function quoteRows(db: Db, articleIds: readonly string[]): Promise<QuoteRow[]> {
  const rows: RawMention[] = [];
  for (const part of chunks(articleIds)) {
    rows.push(...(await mentionRows(db, 'quote', { articles: part }, { limit: -1, offset: 0, ordered: 'position' })));
  }
  const remap = await remapOf(db, detailIds(rows, 'speaker'));
  return rows.map((r) => toQuoteRow(r, remap)).sort((x, y) => byPublished(x, y) || x.start - y.start);
}

async function claimRows(db: Db, articleIds: readonly string[]): Promise<ClaimRow[]> {
  const rows: RawMention[] = [];
  for (const part of chunks(articleIds)) {
    rows.push(...(await mentionRows(db, 'claim', { articles: part }, { limit: -1, offset: 0, ordered: 'position' })));
  }
  const remap = await remapOf(db, detailIds(rows, 'claimant'));
  return rows.map((r) => toClaimRow(r, remap)).sort((x, y) => byPublished(x, y) || x.start - y.start);
}

async function storyMembers(db: Db, storyId: string): Promise<string[]> {
  const rows = await db.selectFrom('story_members').select('article_id').where('story_id', '=', storyId).execute();
  return rows.map((r) => r.article_id);
}

/**
 * Quotes, filtered by story and/or speaker (an entity id; merged ids included). Filtered lists
 * are newest first; the unfiltered list follows article id and position (index order).
 */
export async function listQuotes(
  db: Db,
  options: Page & { story?: string; speaker?: string },
): Promise<PageOf<QuoteRow>> {
  const filter: MentionFilter = {};
  if (options.story !== undefined) filter.articles = await storyMembers(db, options.story);
  if (options.speaker !== undefined) filter.speakers = await mergedIds(db, await resolveEntityId(db, options.speaker));
  const ordered = options.story !== undefined || options.speaker !== undefined ? 'published' : 'position';
  const [rows, total] = await Promise.all([
    mentionRows(db, 'quote', filter, { ...options, ordered }),
    countMentions(db, 'quote', filter),
  ]);
  const remap = await remapOf(db, detailIds(rows, 'speaker'));
  return { items: rows.map((r) => toQuoteRow(r, remap)), total, ...page(options) };
}

/** Numeric claims, filtered by story and/or unit: a story's newest first, otherwise by article and position. */
export async function listClaims(db: Db, options: Page & { story?: string; unit?: string }): Promise<PageOf<ClaimRow>> {
  const filter: MentionFilter = {};
  if (options.story !== undefined) filter.articles = await storyMembers(db, options.story);
  if (options.unit !== undefined) filter.unit = options.unit;
  // By unit: article order, straight from the index (a unit such as `troops` can have 100 000 rows).
  const ordered = options.story !== undefined ? 'published' : 'position';
  const [rows, total] = await Promise.all([
    mentionRows(db, 'claim', filter, { ...options, ordered }),
    countMentions(db, 'claim', filter),
  ]);
  const remap = await remapOf(db, detailIds(rows, 'claimant'));
  return { items: rows.map((r) => toClaimRow(r, remap)), total, ...page(options) };
}

// ---------------------------------------------------------------------------------------------
// Conflicts and timeline

export async function listConflicts(db: Db, options: Page & { story?: string }): Promise<PageOf<Conflict>> {
  let base = db.selectFrom('conflicts');
  if (options.story !== undefined) base = base.where('story_id', '=', options.story);
  const [rows, total] = await Promise.all([
    base.selectAll().orderBy('id').limit(options.limit).offset(options.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return {
    items: rows.map((c) => ({
      kind: c.kind as Conflict['kind'],
      summary: c.summary,
      storyId: c.story_id,
      items: JSON.parse(c.items) as Evidence[],
    })),
    total: Number(total?.n ?? 0),
    ...page(options),
  };
}

export async function listTimeline(db: Db, options: Page & { story?: string }): Promise<PageOf<TimelineEntry>> {
  let base = db.selectFrom('timeline');
  if (options.story !== undefined) base = base.where('story_id', '=', options.story);
  const [rows, total] = await Promise.all([
    base.selectAll().orderBy('date').orderBy('id').limit(options.limit).offset(options.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return {
    items: rows.map((t) => ({
      date: t.date,
      text: t.text,
      storyId: t.story_id,
      articles: JSON.parse(t.articles) as string[],
      evidence: JSON.parse(t.evidence) as Evidence[],
    })),
    total: Number(total?.n ?? 0),
    ...page(options),
  };
}

// ---------------------------------------------------------------------------------------------
// Entities

function toCorpusEntity(e: Database['entities'] extends infer T ? { [K in keyof T]: T[K] } : never): CorpusEntity {
  return {
    entityId: e.entity_id,
    name: e.name,
    type: e.type as CorpusEntity['type'],
    aliases: JSON.parse(e.aliases) as string[],
    articles: e.article_count,
  };
}

/** Entities by number of articles mentioning them, optionally of one `type`. */
export async function listEntities(db: Db, options: Page & { type?: string }): Promise<PageOf<CorpusEntity>> {
  let base = db.selectFrom('entities');
  if (options.type !== undefined) base = base.where('type', '=', options.type);
  const [rows, total] = await Promise.all([
    base
      .selectAll()
      .orderBy('article_count', 'desc')
      .orderBy('entity_id', 'desc')
      .limit(options.limit)
      .offset(options.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return { items: rows.map(toCorpusEntity), total: Number(total?.n ?? 0), ...page(options) };
}

/** Entity rows whose name or an alias contains `term` (case-insensitive), most mentioned first. */
export async function findEntities(db: Db, term: string, limit: number): Promise<CorpusEntity[]> {
  const rows = await db
    .selectFrom('entities')
    .selectAll()
    .where((eb) => eb.or([containsText('name', term), containsText('aliases', term)]))
    .orderBy('article_count', 'desc')
    .orderBy('entity_id')
    .limit(limit)
    .execute();
  return rows.map(toCorpusEntity);
}

/** How many of an entity's most recent articles the co-mention and article lists look at. */
const ENTITY_RECENT_ARTICLES = 500;
/** Quotes and articles listed on the entity page (the rest are paged through the lists). */
const ENTITY_LIST_LIMIT = 50;

/**
 * The entity page, or null for an unknown id (a merged id answers with the entity it was
 * merged into). `quotes` and `articles` hold the 50 most recent (page on with
 * `/api/quotes?speaker=` and `/api/articles?entity=`); `coMentioned` counts the articles shared
 * with other entities among its 500 most recent articles.
 */
export async function getEntity(db: Db, requested: string): Promise<EntityDetail | null> {
  const id = await resolveEntityId(db, requested);
  const row = await db.selectFrom('entities').selectAll().where('entity_id', '=', id).executeTakeFirst();
  if (!row) return null;
  const ids = await mergedIds(db, id);
  const [byDate, quotes, recent] = await Promise.all([
    db
      .selectFrom('mentions as m')
      .innerJoin('articles as a', 'a.id', 'm.article_id')
      .select((eb) => ['a.published_date', eb.fn.countAll<number>().as('n')])
      .where('m.entity_id', 'in', ids)
      .where('a.published_date', 'is not', null)
      .groupBy('a.published_date')
      .orderBy('a.published_date')
      .execute(),
    listQuotes(db, { speaker: id, limit: ENTITY_LIST_LIMIT, offset: 0 }),
    db
      .selectFrom('articles')
      .select('id')
      .where('id', 'in', (eb) => eb.selectFrom('mentions').select('article_id').where('entity_id', 'in', ids))
      .orderBy('published_date', (o) => o.desc().nullsLast())
      .orderBy('id', 'desc')
      .limit(ENTITY_RECENT_ARTICLES)
      .execute(),
  ]);
  const recentIds = recent.map((r) => r.id);
  const listed = recentIds.slice(0, ENTITY_LIST_LIMIT);
  const summaries = new Map((await articleSummaries(db, listed)).map((a) => [a.id, a]));
  const shared = new Map<string, { n: number; name: string | null; type: string | null }>();
  for (const part of chunks(recentIds)) {
    const rows = await db
      .selectFrom('mentions')
      .select((eb) => [
        'entity_id',
        eb.fn.count<number>('article_id').distinct().as('n'),
        eb.fn.max(jsonText('detail', 'name')).as('name'),
        eb.fn.max(jsonText('detail', 'type')).as('type'),
      ])
      .where('kind', '=', 'entity')
      .where('article_id', 'in', part)
      .where('entity_id', 'not in', ids)
      .groupBy('entity_id')
      .execute();
    for (const r of rows) {
      if (!r.entity_id) continue;
      const prev = shared.get(r.entity_id);
      shared.set(r.entity_id, { n: (prev?.n ?? 0) + Number(r.n), name: r.name, type: r.type });
    }
  }
  const coMentioned = (await mergeEntityCounts(db, shared))
    .filter((x) => x.entity.entityId !== id)
    .slice(0, 20)
    .map(({ entity, n }) => ({ ...entity, count: n }));
  return {
    entity: toCorpusEntity(row),
    mentionsByDate: byDate.map((r) => ({ date: r.published_date as string, count: Number(r.n) })),
    quotes: quotes.items,
    articles: listed.flatMap((a) => summaries.get(a) ?? []),
    coMentioned,
    mergedIds: ids.slice(1).sort(),
  };
}

const page = (p: Page): Page => ({ limit: p.limit, offset: p.offset });
