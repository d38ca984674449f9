/**
 * Corpus-stage outputs (entities, duplicates, stories, timeline, conflicts). They are derived
 * data: each run replaces them whole, in one transaction, so a reader never sees half of them.
 * Story redirects are the exception: old story ids keep answering across runs (see
 * `redirectStories`).
 */
import type { Kysely } from 'kysely';
import type {
  Conflict,
  CorpusEntity,
  CorpusResult,
  Duplicate,
  Evidence,
  QuoteRecord,
  Story,
  StoryEvent,
  TimelineEntry,
} from '../../core/corpus.js';
import type { Published } from '../../core/doc.js';
import type { Database } from '../schema.js';

async function insertChunked<T extends keyof Database & string>(
  db: Kysely<Database>,
  table: T,
  rows: readonly Record<string, unknown>[],
  size = 500,
): Promise<void> {
  for (let i = 0; i < rows.length; i += size) {
    await db
      .insertInto(table)
      // biome-ignore lint/suspicious/noExplicitAny: rows are built to match `table` by the callers below
      .values(rows.slice(i, i + size) as any)
      .execute();
  }
}

/**
 * Replace all corpus outputs with `result`; `remap` records entity ids merged into others.
 * `inferred` publication dates (borrowed from copies, `how: 'duplicate'`) are written onto
 * articles that have none; wire credits borrowed from copies are not, since `wire` lists only
 * what the article itself credits.
 */
export async function replaceCorpus(
  db: Kysely<Database>,
  result: CorpusResult,
  remap: ReadonlyMap<string, string>,
  inferred: ReadonlyMap<string, { published?: Published }> = new Map(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const [id, fill] of inferred) {
      if (!fill.published) continue;
      await trx
        .updateTable('articles')
        .set({
          published_date: fill.published.date,
          published_from: fill.published.from,
          published_to: fill.published.to,
          published_how: fill.published.how,
          published_evidence: fill.published.evidence ?? null,
        })
        .where('id', '=', id)
        .where('published_how', 'in', ['unknown', 'duplicate'])
        .execute();
    }
    await writeStories(trx as unknown as Kysely<Database>, result.stories);
    for (const table of ['entities', 'entity_remap', 'duplicates', 'timeline', 'conflicts', 'quote_records'] as const) {
      await trx.deleteFrom(table).execute();
    }
    const tx = trx as unknown as Kysely<Database>;
    await insertChunked(
      tx,
      'entities',
      result.entities.map((e) => ({
        entity_id: e.entityId,
        name: e.name,
        type: e.type,
        aliases: JSON.stringify(e.aliases),
        article_count: e.articles,
      })),
    );
    await insertChunked(
      tx,
      'entity_remap',
      [...remap].map(([from_id, to_id]) => ({ from_id, to_id })),
    );
    await insertChunked(
      tx,
      'duplicates',
      result.duplicates.map((d) => ({ ...d })),
    );
    await insertChunked(
      tx,
      'timeline',
      result.timeline.map((t) => ({
        date: t.date,
        text: t.text,
        story_id: t.storyId,
        articles: JSON.stringify(t.articles),
        evidence: JSON.stringify(t.evidence),
      })),
    );
    await insertChunked(
      tx,
      'conflicts',
      result.conflicts.map((c) => ({
        kind: c.kind,
        summary: c.summary,
        story_id: c.storyId,
        items: JSON.stringify(c.items),
        detail: c.evolution === undefined ? null : JSON.stringify({ evolution: c.evolution }),
      })),
    );
    await insertChunked(
      tx,
      'quote_records',
      (result.quotes ?? []).map((q) => ({
        quote_id: q.quoteId,
        text: q.text,
        story_id: q.storyId,
        speakers: JSON.stringify(q.speakers),
        occurrences: JSON.stringify(q.occurrences),
      })),
    );
  });
}

/** Everything the corpus stages stored, in a stable order. */
export async function loadCorpus(db: Kysely<Database>): Promise<CorpusResult & { remap: Map<string, string> }> {
  const [entities, remap, duplicates, stories, members, timeline, conflicts] = await Promise.all([
    db.selectFrom('entities').selectAll().orderBy('article_count', 'desc').orderBy('entity_id').execute(),
    db.selectFrom('entity_remap').selectAll().execute(),
    db.selectFrom('duplicates').selectAll().orderBy('a').orderBy('b').execute(),
    db.selectFrom('stories').selectAll().orderBy('article_count', 'desc').orderBy('story_id').execute(),
    db.selectFrom('story_members').selectAll().orderBy('story_id').orderBy('article_id').execute(),
    db.selectFrom('timeline').selectAll().orderBy('date').orderBy('id').execute(),
    db.selectFrom('conflicts').selectAll().orderBy('id').execute(),
  ]);
  const quotes = await db.selectFrom('quote_records').selectAll().orderBy('id').execute();
  const membersOf = new Map<string, string[]>();
  for (const m of members) membersOf.set(m.story_id, [...(membersOf.get(m.story_id) ?? []), m.article_id]);
  return {
    entities: entities.map(
      (e): CorpusEntity => ({
        entityId: e.entity_id,
        name: e.name,
        type: e.type as CorpusEntity['type'],
        aliases: JSON.parse(e.aliases) as string[],
        articles: e.article_count,
      }),
    ),
    remap: new Map(remap.map((r) => [r.from_id, r.to_id])),
    duplicates: duplicates.map((d): Duplicate => ({ ...d, kind: d.kind as Duplicate['kind'] })),
    stories: stories.map(
      (s): Story => ({
        storyId: s.story_id,
        title: s.title,
        ...(s.summary ? { summary: s.summary } : {}),
        articles: membersOf.get(s.story_id) ?? [],
        independentSources: s.independent_sources,
        events: JSON.parse(s.events) as StoryEvent[],
      }),
    ),
    timeline: timeline.map(
      (t): TimelineEntry => ({
        date: t.date,
        text: t.text,
        storyId: t.story_id,
        articles: JSON.parse(t.articles) as string[],
        evidence: JSON.parse(t.evidence) as Evidence[],
      }),
    ),
    conflicts: conflicts.map(
      (c): Conflict => ({
        kind: c.kind as Conflict['kind'],
        summary: c.summary,
        storyId: c.story_id,
        items: JSON.parse(c.items) as Evidence[],
        ...(c.detail ? (JSON.parse(c.detail) as Pick<Conflict, 'evolution'>) : {}),
      }),
    ),
    quotes: quotes.map(
      (q): QuoteRecord => ({
        quoteId: q.quote_id,
        text: q.text,
        storyId: q.story_id,
        speakers: JSON.parse(q.speakers) as QuoteRecord['speakers'],
        occurrences: JSON.parse(q.occurrences) as Evidence[],
      }),
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// Story redirects

/** A story id that no longer exists, and the story that now holds (most of) its articles. */
export interface StoryRedirect {
  from: string;
  to: string;
  /** ISO-8601 UTC: when `from` stopped being a story. */
  createdAt: string;
}

/**
 * The redirects after a recompute. `previous` maps each story id of the last run to its
 * articles; `existing` are the redirects stored so far.
 * - A story id that vanished points to the new story holding most of its articles (ties: the
 *   bigger story, then the smaller id), so a merge points both old ids at the survivor, a story
 *   whose id changed (an earlier article joined it) points at its new id, and a split points at
 *   the larger part. A story none of whose articles are left gets no redirect.
 * - An existing redirect whose target vanished follows that target's new redirect (chains are
 *   stored compressed: one hop always), or is dropped when the target has none; one whose
 *   `from` is a story again is dropped (the id answers for itself).
 * Pure, so the rule is tested without a store.
 */
export function redirectStories(
  previous: ReadonlyMap<string, readonly string[]>,
  stories: readonly Pick<Story, 'storyId' | 'articles'>[],
  existing: readonly StoryRedirect[],
  now: string,
): StoryRedirect[] {
  const storyOf = new Map<string, string>();
  const size = new Map<string, number>();
  for (const s of stories) {
    size.set(s.storyId, s.articles.length);
    for (const a of s.articles) storyOf.set(a, s.storyId);
  }
  const moved = new Map<string, string>();
  for (const [oldId, articles] of previous) {
    if (size.has(oldId)) continue;
    const counts = new Map<string, number>();
    for (const a of articles) {
      const to = storyOf.get(a);
      if (to !== undefined) counts.set(to, (counts.get(to) ?? 0) + 1);
    }
    let best: string | null = null;
    let bestCount = 0;
    for (const [to, n] of counts) {
      const better =
        best === null ||
        n > bestCount ||
        (n === bestCount &&
          ((size.get(to) ?? 0) > (size.get(best) ?? 0) ||
            ((size.get(to) ?? 0) === (size.get(best) ?? 0) && to < best)));
      if (better) {
        best = to;
        bestCount = n;
      }
    }
    if (best !== null) moved.set(oldId, best);
  }
  const out = new Map<string, StoryRedirect>();
  for (const r of existing) {
    if (size.has(r.from)) continue;
    const to = size.has(r.to) ? r.to : moved.get(r.to);
    if (to !== undefined && to !== r.from) out.set(r.from, { ...r, to });
  }
  for (const [from, to] of moved) out.set(from, { from, to, createdAt: out.get(from)?.createdAt ?? now });
  return [...out.values()].sort((x, y) => (x.from < y.from ? -1 : x.from > y.from ? 1 : 0));
}

// A mapped copy of the table type: interfaces have no index signature, which `insertChunked` wants.
type StoryRow = { [K in keyof Database['stories']]: Database['stories'][K] };

function storyRow(s: Story): StoryRow {
  const dates = s.events
    .map((e) => e.date)
    .filter((d): d is string => Boolean(d))
    .sort();
  return {
    story_id: s.storyId,
    title: s.title,
    summary: s.summary ?? null,
    independent_sources: s.independentSources,
    article_count: s.articles.length,
    first_published: dates[0] ?? null,
    last_published: dates.at(-1) ?? null,
    events: JSON.stringify(s.events),
  };
}

/** JSON with object keys sorted: PostgreSQL's jsonb gives stored documents back with keys reordered. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : 1)))
      : v,
  );
}

/** Everything stored about one story, in a form equal for equal stories. */
function storyKey(row: StoryRow, members: readonly string[]): string {
  return canonicalJson({ ...row, events: JSON.parse(row.events), members: [...members].sort() });
}

/**
 * Inside `replaceCorpus`'s transaction: rewrite the redirects from the old stories to the new,
 * then write only the stories that changed (new, gone, or different in any stored field or
 * member): on a big store most stories are untouched by an update, and their rows (above all
 * their `story_members`) stay as they are.
 */
async function writeStories(db: Kysely<Database>, stories: readonly Story[]): Promise<void> {
  const [members, rows, existing] = await Promise.all([
    db.selectFrom('story_members').select(['story_id', 'article_id']).execute(),
    db.selectFrom('stories').selectAll().execute(),
    db.selectFrom('story_redirects').selectAll().execute(),
  ]);
  const previous = new Map<string, string[]>();
  for (const m of members) {
    const list = previous.get(m.story_id);
    if (list) list.push(m.article_id);
    else previous.set(m.story_id, [m.article_id]);
  }
  const next = redirectStories(
    previous,
    stories,
    existing.map((r) => ({ from: r.from_id, to: r.to_id, createdAt: r.created_at })),
    new Date().toISOString(),
  );
  await db.deleteFrom('story_redirects').execute();
  await insertChunked(
    db,
    'story_redirects',
    next.map((r) => ({ from_id: r.from, to_id: r.to, created_at: r.createdAt })),
  );

  const before = new Map(rows.map((r) => [r.story_id, storyKey(r, previous.get(r.story_id) ?? [])]));
  const changed = stories.filter((s) => before.get(s.storyId) !== storyKey(storyRow(s), s.articles));
  const live = new Set(stories.map((s) => s.storyId));
  const stale = [...before.keys()].filter((id) => !live.has(id)).concat(changed.map((s) => s.storyId));
  for (let i = 0; i < stale.length; i += 500) {
    const ids = stale.slice(i, i + 500);
    await db.deleteFrom('story_members').where('story_id', 'in', ids).execute();
    await db.deleteFrom('stories').where('story_id', 'in', ids).execute();
  }
  await insertChunked(db, 'stories', changed.map(storyRow));
  await insertChunked(
    db,
    'story_members',
    changed.flatMap((s) => s.articles.map((article_id) => ({ story_id: s.storyId, article_id }))),
  );
}

/** Every stored story redirect, by old id. */
export async function loadStoryRedirects(db: Kysely<Database>): Promise<StoryRedirect[]> {
  const rows = await db.selectFrom('story_redirects').selectAll().orderBy('from_id').execute();
  return rows.map((r) => ({ from: r.from_id, to: r.to_id, createdAt: r.created_at }));
}

/**
 * The story an id stands for now: itself when it is a story, the story it redirects to, or
 * null when it is neither.
 */
export async function resolveStoryId(db: Kysely<Database>, id: string): Promise<string | null> {
  const story = await db.selectFrom('stories').select('story_id').where('story_id', '=', id).executeTakeFirst();
  if (story) return id;
  const redirect = await db.selectFrom('story_redirects').select('to_id').where('from_id', '=', id).executeTakeFirst();
  if (!redirect) return null;
  // Stored one hop deep; the check guards against a reader between two writers' views.
  const target = await db
    .selectFrom('stories')
    .select('story_id')
    .where('story_id', '=', redirect.to_id)
    .executeTakeFirst();
  return target ? redirect.to_id : null;
}
