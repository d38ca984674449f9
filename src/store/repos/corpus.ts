/**
 * Corpus-stage outputs (entities, duplicates, stories, timeline, conflicts). They are derived
 * data: each run replaces them whole, in one transaction, so a reader never sees half of them.
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
    for (const table of [
      'entities',
      'entity_remap',
      'duplicates',
      'stories',
      'story_members',
      'timeline',
      'conflicts',
      'quote_records',
    ] as const) {
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
      'stories',
      result.stories.map((s) => ({
        story_id: s.storyId,
        title: s.title,
        summary: s.summary ?? null,
        independent_sources: s.independentSources,
        article_count: s.articles.length,
        first_published:
          s.events
            .map((e) => e.date)
            .filter(Boolean)
            .sort()[0] ?? null,
        last_published:
          s.events
            .map((e) => e.date)
            .filter(Boolean)
            .sort()
            .at(-1) ?? null,
        events: JSON.stringify(s.events),
      })),
    );
    await insertChunked(
      tx,
      'story_members',
      result.stories.flatMap((s) => s.articles.map((article_id) => ({ story_id: s.storyId, article_id }))),
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
