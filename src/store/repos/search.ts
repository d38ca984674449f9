/**
 * Search across articles (full text), stories and entities. User input only ever reaches the
 * database as a bound parameter; the full-text syntax fallback lives in `dialect.ts`.
 */
import type { Kysely } from 'kysely';
import type { CorpusEntity } from '../../core/corpus.js';
import { containsText, searchFullText } from '../dialect.js';
import type { Database } from '../schema.js';
import { findEntities, type StorySummary, storySummariesById } from './queries.js';

export interface SearchResult {
  articles: { id: string; title: string | null; site: string | null; published: string | null; snippet: string }[];
  stories: StorySummary[];
  entities: CorpusEntity[];
}

/** Stories and entities listed per search, whatever the article `limit`. */
const SIDE_LIMIT = 10;

/**
 * Articles matching `q` (best first, at most `limit`, with a plain-text snippet marking the
 * match with `[` `]`); the stories those articles belong to, then stories whose title contains
 * `q`; entities whose name or an alias contains `q`.
 */
export async function search(db: Kysely<Database>, q: string, limit: number): Promise<SearchResult> {
  const hits = await searchFullText(db, q, limit);
  const ids = hits.map((h) => h.id);
  const [rows, members, titled, entities] = await Promise.all([
    ids.length
      ? db.selectFrom('articles').select(['id', 'title', 'site', 'published_date']).where('id', 'in', ids).execute()
      : [],
    ids.length
      ? db.selectFrom('story_members').select(['article_id', 'story_id']).where('article_id', 'in', ids).execute()
      : [],
    db
      .selectFrom('stories')
      .select('story_id')
      .where(containsText('title', q))
      .orderBy('article_count', 'desc')
      .orderBy('story_id')
      .limit(SIDE_LIMIT)
      .execute(),
    findEntities(db, q, SIDE_LIMIT),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const storyOf = new Map(members.map((m) => [m.article_id, m.story_id]));
  const storyIds = [
    ...new Set([...ids.flatMap((id) => storyOf.get(id) ?? []), ...titled.map((t) => t.story_id)]),
  ].slice(0, SIDE_LIMIT);
  return {
    articles: hits.flatMap((h) => {
      const r = byId.get(h.id);
      return r ? [{ id: r.id, title: r.title, site: r.site, published: r.published_date, snippet: h.snippet }] : [];
    }),
    stories: await storySummariesById(db, storyIds),
    entities,
  };
}
