/**
 * cluster: group articles into stories, and a story's articles into events.
 *
 * Articles are taken in publication order (then id), so the result does not depend on input
 * order. Each article joins the most similar open story, or starts a new one:
 * - copies (one copy group) always share a story;
 * - similarity = `TERM_WEIGHT` × cosine(TF-IDF of title + lead, story centroid)
 *              + `ENTITY_WEIGHT` × share of the article's IDF-weighted entity ids the story has;
 * - a story is a candidate only if it shares a heavy term or an entity (inverted index, so no
 *   scan over all stories) and its dates are within `MAX_GAP_DAYS` of the article's.
 *
 * Limits: one pass, no re-splitting of stories; undated articles can join any story.
 */
import type { CorpusArticle, Duplicate, Story, StoryEvent } from '../../core/corpus.js';
import { copyGroups } from '../dedupe/index.js';
import { articleEntities, articleTerms, idfTable, tfidfVector } from './features.js';

/**
 * Similarity at or above which an article joins a story. Tuned on examples/corpus (4 stories,
 * 29 articles after real extraction): articles of one story score 0.2–0.45 pairwise and higher
 * against the story centroid; articles of different stories score at most 0.16 even when they
 * share a country or an outlet.
 */
export const STORY_JOIN_THRESHOLD = 0.2;
/** Below this term cosine, shared entities alone never join a story (same country ≠ same story). */
export const MIN_TERM_COSINE = 0.05;
/** Share of the similarity from words: they tell what happened. */
export const TERM_WEIGHT = 0.6;
/** Share from entity ids: they tell who and where, which stories of one region share. */
export const ENTITY_WEIGHT = 0.4;
/** A story stays open this many days after its latest article. */
export const MAX_GAP_DAYS = 14;
/** Articles at most this many days apart can be one event. */
export const EVENT_GAP_DAYS = 1;
/** Heaviest terms of an article used to look up and index stories. */
const INDEX_TERMS = 12;
/** Only the most recent stories of a posting list are looked at (older ones are closed anyway). */
const MAX_POSTING_SCAN = 64;
/** Stories scored exactly per article (the rest share too little to win). */
const MAX_CANDIDATES = 24;
/** Weight of a shared entity when ranking candidates (term weights are L2-normalised, ≤ 1). */
const ENTITY_KEY_WEIGHT = 0.3;
/** Entities of an event's articles that count as its actors. */
const ACTORS = 3;

const DAY_MS = 86_400_000;

interface Item {
  article: CorpusArticle;
  day: number | null;
  vector: Array<[string, number]>;
  entities: Map<string, number>;
  group: number;
}

interface Cluster {
  index: number;
  items: Item[];
  centroid: Map<string, number>;
  normSq: number;
  entities: Map<string, number>;
  firstDay: number | null;
  lastDay: number | null;
  indexed: Set<string>;
}

/** Day number of an ISO date (or range start), or null. */
function dayOf(a: CorpusArticle): number | null {
  const iso = a.published.date ?? a.published.from;
  if (!iso) return null;
  const t = Date.parse(iso.length === 4 ? `${iso}-01-01` : iso.length === 7 ? `${iso}-01` : iso.slice(0, 10));
  return Number.isNaN(t) ? null : Math.floor(t / DAY_MS);
}

/** Publication order: dated first by day, then id. */
function compareItems(x: Item, y: Item): number {
  if (x.day !== y.day) {
    if (x.day === null) return 1;
    if (y.day === null) return -1;
    return x.day - y.day;
  }
  return x.article.id < y.article.id ? -1 : x.article.id > y.article.id ? 1 : 0;
}

function suffix(id: string): string {
  return id.startsWith('a_') ? id.slice(2) : id;
}

/** Cluster articles into stories. Stories are ordered by their first article. */
export function clusterStories(articles: readonly CorpusArticle[], duplicates: readonly Duplicate[]): Story[] {
  const groupOf = new Map<string, number>();
  copyGroups(articles, duplicates).forEach((g, i) => {
    for (const id of g) groupOf.set(id, i);
  });
  const termCounts = articles.map(articleTerms);
  const entityCounts = articles.map(articleEntities);
  const termIdf = idfTable(termCounts.map((t) => t.keys()));
  const entityIdf = idfTable(entityCounts.map((e) => e.keys()));
  const items: Item[] = articles.map((article, i) => ({
    article,
    day: dayOf(article),
    vector: tfidfVector(termCounts[i] as Map<string, number>, termIdf),
    entities: entityCounts[i] as Map<string, number>,
    group: groupOf.get(article.id) ?? -1,
  }));
  items.sort(compareItems);

  const clusters: Cluster[] = [];
  const clusterOfGroup = new Map<number, Cluster>();
  const postings = new Map<string, number[]>();

  for (const item of items) {
    let target = clusterOfGroup.get(item.group);
    if (!target) {
      let best = STORY_JOIN_THRESHOLD;
      for (const ci of candidates(item, postings, clusters)) {
        const c = clusters[ci] as Cluster;
        const s = similarity(item, c, entityIdf);
        if (s >= best && (!target || s > best || c.index < target.index)) {
          best = s;
          target = c;
        }
      }
    }
    if (!target) {
      target = {
        index: clusters.length,
        items: [],
        centroid: new Map(),
        normSq: 0,
        entities: new Map(),
        firstDay: null,
        lastDay: null,
        indexed: new Set(),
      };
      clusters.push(target);
    }
    add(target, item, postings);
    clusterOfGroup.set(item.group, target);
  }

  return clusters.map((c) => toStory(c));
}

/** Index keys of an article with their weight: heaviest terms, and entity ids. */
function keysOf(item: Item): Array<[string, number]> {
  const keys: Array<[string, number]> = [];
  for (let i = 0; i < Math.min(INDEX_TERMS, item.vector.length); i++) {
    const [t, w] = item.vector[i] as [string, number];
    keys.push([`t:${t}`, w]);
  }
  for (const e of item.entities.keys()) keys.push([`e:${e}`, ENTITY_KEY_WEIGHT]);
  return keys;
}

/**
 * Open stories (within `MAX_GAP_DAYS`) sharing index keys with the article, best `MAX_CANDIDATES`
 * by summed key weight (ties: older story first), so the exact similarity is computed a bounded
 * number of times.
 */
function candidates(item: Item, postings: Map<string, number[]>, clusters: readonly Cluster[]): number[] {
  const hits = new Map<number, number>();
  const closed = new Set<number>();
  for (const [k, w] of keysOf(item)) {
    const list = postings.get(k);
    if (!list) continue;
    for (let i = Math.max(0, list.length - MAX_POSTING_SCAN); i < list.length; i++) {
      const c = list[i] as number;
      if (closed.has(c)) continue;
      if (!hits.has(c) && !withinGap(item.day, clusters[c] as Cluster)) {
        closed.add(c);
        continue;
      }
      hits.set(c, (hits.get(c) ?? 0) + w);
    }
  }
  const ranked = [...hits].sort((x, y) => y[1] - x[1] || x[0] - y[0]);
  return ranked.slice(0, MAX_CANDIDATES).map(([c]) => c);
}

function withinGap(day: number | null, c: Cluster): boolean {
  if (day === null || c.firstDay === null || c.lastDay === null) return true;
  return day >= c.firstDay - MAX_GAP_DAYS && day <= c.lastDay + MAX_GAP_DAYS;
}

function similarity(item: Item, c: Cluster, entityIdf: Map<string, number>): number {
  let dot = 0;
  for (const [t, w] of item.vector) dot += w * (c.centroid.get(t) ?? 0);
  const cosine = c.normSq > 0 ? dot / Math.sqrt(c.normSq) : 0;
  if (cosine < MIN_TERM_COSINE) return 0;
  let shared = 0;
  let total = 0;
  for (const e of item.entities.keys()) {
    const w = entityIdf.get(e) ?? 1;
    total += w;
    if (c.entities.has(e)) shared += w;
  }
  return TERM_WEIGHT * cosine + ENTITY_WEIGHT * (total > 0 ? shared / total : 0);
}

function add(c: Cluster, item: Item, postings: Map<string, number[]>): void {
  c.items.push(item);
  for (const [t, w] of item.vector) {
    const old = c.centroid.get(t) ?? 0;
    const next = old + w;
    c.centroid.set(t, next);
    c.normSq += next * next - old * old;
  }
  for (const [e, n] of item.entities) c.entities.set(e, (c.entities.get(e) ?? 0) + n);
  if (item.day !== null) {
    c.firstDay = c.firstDay === null ? item.day : Math.min(c.firstDay, item.day);
    c.lastDay = c.lastDay === null ? item.day : Math.max(c.lastDay, item.day);
  }
  for (const [k] of keysOf(item)) {
    if (c.indexed.has(k)) continue;
    c.indexed.add(k);
    const list = postings.get(k);
    if (list) list.push(c.index);
    else postings.set(k, [c.index]);
  }
}

/** A short label for an article: its title, else the start of its first line. */
function labelOf(a: CorpusArticle): string {
  if (a.title?.trim()) return a.title.trim();
  const line = a.text.split('\n')[0]?.trim() ?? '';
  return line.length > 100 ? `${line.slice(0, 99).trimEnd()}…` : line;
}

function toStory(c: Cluster): Story {
  const first = c.items[0] as Item;
  // Most central article: highest cosine with the centroid; ties go to the earlier one.
  let central = first;
  let bestDot = -1;
  for (const item of c.items) {
    if (!item.article.title?.trim()) continue;
    let dot = 0;
    for (const [t, w] of item.vector) dot += w * (c.centroid.get(t) ?? 0);
    if (dot > bestDot + 1e-9) {
      bestDot = dot;
      central = item;
    }
  }
  return {
    storyId: `s_${suffix(first.article.id)}`,
    title: labelOf(central.article),
    articles: c.items.map((i) => i.article.id),
    independentSources: new Set(c.items.map((i) => i.group)).size,
    events: groupEvents(c.items),
  };
}

/** Top entity ids of an article (people, organisations, countries), for event grouping. */
function actorsOf(item: Item): Set<string> {
  const counts = new Map<string, number>();
  for (const m of item.article.entities) {
    if (m.type === 'place' || m.type === 'other') continue;
    counts.set(m.entityId, (counts.get(m.entityId) ?? 0) + 1);
  }
  const top = [...counts].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, ACTORS);
  return new Set(top.map(([id]) => id));
}

interface EventDraft {
  items: Item[];
  firstDay: number | null;
  actors: Set<string>;
  groups: Set<number>;
}

/**
 * Events of a story: articles published within `EVENT_GAP_DAYS` of the event's first article (no
 * chaining day after day) that share a
 * dominant actor (or where one side names none). Copies stay together; undated articles that
 * are not copies form their own undated event.
 */
function groupEvents(items: readonly Item[]): StoryEvent[] {
  const events: EventDraft[] = [];
  for (const item of items) {
    const actors = actorsOf(item);
    let target = events.find((e) => e.groups.has(item.group));
    if (!target) {
      for (let i = events.length - 1; i >= 0; i--) {
        const e = events[i] as EventDraft;
        const sameTime =
          item.day === null || e.firstDay === null
            ? item.day === e.firstDay
            : Math.abs(item.day - e.firstDay) <= EVENT_GAP_DAYS;
        if (!sameTime) continue;
        const sharesActor = actors.size === 0 || e.actors.size === 0 || [...actors].some((a) => e.actors.has(a));
        if (sharesActor) {
          target = e;
          break;
        }
      }
    }
    if (!target) {
      target = { items: [], firstDay: null, actors: new Set(), groups: new Set() };
      events.push(target);
    }
    target.items.push(item);
    target.groups.add(item.group);
    for (const a of actors) target.actors.add(a);
    if (target.firstDay === null) target.firstDay = item.day;
  }
  return events.map((e) => {
    const first = e.items[0] as Item;
    const dated = e.items.find((i) => i.article.published.date !== null);
    return {
      eventId: `e_${suffix(first.article.id)}`,
      title: labelOf(first.article),
      date: dated ? (dated.article.published.date as string).slice(0, 10) : null,
      articles: e.items.map((i) => i.article.id),
    };
  });
}
