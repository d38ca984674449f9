/**
 * cluster: group articles into stories, and a story's articles into events.
 *
 * Articles are taken in publication order (then id), so the result does not depend on input
 * order. Each article joins the most similar open story, or starts a new one:
 * - copies (one copy group) always share a story;
 * - similarity = `TERM_WEIGHT` × cosine(TF-IDF of headline + body, story centroid)
 *              + `ENTITY_WEIGHT` × share of the article's IDF-weighted entity ids the story has;
 * - the headline is the title only when it reads like one (see `titles.ts`: section lists,
 *   share bars and site taglines taken for titles are skipped), else the first headline-shaped
 *   body line; lines repeated across copy groups (share bars, kickers) are left out of the body;
 * - a story is a candidate only if it shares a heavy term or an entity (inverted index, so no
 *   scan over all stories) and its dates are within `MAX_GAP_DAYS` of the article's.
 * A second pass merges stories whose centroids meet `STORY_MERGE_THRESHOLD`, looked up through
 * the same index: one pass in date order splits a story when an early article is undated or
 * its first reports share little with the later ones.
 *
 * Story title: the headline of the article closest to the story centroid. Events are ordered by
 * date (undated last).
 *
 * Limits: no re-splitting of stories; undated articles can join any story.
 */
import type { CorpusArticle, Duplicate, Story, StoryEvent } from '../../core/corpus.js';
import { copyGroups } from '../dedupe/index.js';
import {
  addTitleTerms,
  articleEntities,
  articleTerms,
  boilerplateLines,
  idfOf,
  idfTable,
  tfidfVector,
} from './features.js';
import { headlineOf, leadSentence, sharedTitles } from './titles.js';

/**
 * Similarity at or above which an article joins a story. Tuned on examples/corpus (4 stories,
 * 29 articles after real extraction): an article scores 0.27-0.63 against the story it belongs
 * to (0.2 when an earlier extraction left its story with one article so far), and 0 against
 * the others: their term cosine stays under `MIN_TERM_COSINE` even when they share a country
 * or an outlet.
 */
export const STORY_JOIN_THRESHOLD = 0.2;
/**
 * Similarity of two story centroids at or above which the stories are one. Centroids average
 * away each article's own words, so two halves of one story score higher than a lone article
 * against its story; on examples/corpus (an earlier extraction), an article left alone by the
 * first pass scored 0.39 against the rest of its story, different stories 0 (term cosine under
 * `MIN_TERM_COSINE`).
 */
export const STORY_MERGE_THRESHOLD = 0.25;
/**
 * Below this term cosine, shared entities alone never join a story (same country ≠ same story).
 * On examples/corpus an article's cosine with its own story is at least 0.11, with another story
 * at most 0.06.
 */
export const MIN_TERM_COSINE = 0.08;
/** Share of the similarity from words: they tell what happened. */
export const TERM_WEIGHT = 0.6;
/** Share from entity ids: they tell who and where, which stories of one region share. */
export const ENTITY_WEIGHT = 0.4;
/** A story stays open this many days after its latest article. */
export const MAX_GAP_DAYS = 14;
/**
 * Term cosine with an event at which an article joins it without a shared dominant actor. On
 * examples/corpus, same-day reports of one happening by different outlets score 0.25-0.34 (the
 * fine reported by two outlets, the walk-out, the deal); reports of the next day's happening
 * score under 0.1.
 */
export const EVENT_MIN_COSINE = 0.2;
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
  /** Usable headline, or null. */
  headline: string | null;
  day: number | null;
  vector: Array<[string, number]>;
  entities: Map<string, number>;
  group: number;
  /** Squared weight of the article's terms left out of `vector` (its full vector has norm 1). */
  residualSq: number;
}

interface Cluster {
  index: number;
  items: Item[];
  centroid: Map<string, number>;
  normSq: number;
  /**
   * Squared weight of the terms left out of the centroid (found in one article only, or beyond
   * `MAX_TERMS`): they are in no other article, so their squares simply add up. Part of the
   * centroid's norm, so a story of articles with much unshared content scores lower.
   */
  residualSq: number;
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
  const shared = sharedTitles(articles, groupOf);
  const chrome = boilerplateLines(articles, groupOf);
  // Body terms first: the headline checks read them (a headline is restated in the lead).
  const termCounts = articles.map((a) => articleTerms(a, null, chrome));
  const headlines = articles.map((a, i) => headlineOf(a, shared, chrome, termCounts[i]));
  headlines.forEach((h, i) => {
    if (h) addTitleTerms(h, termCounts[i] as Map<string, number>);
  });
  const entityCounts = articles.map(articleEntities);
  const termIdf = idfTable(termCounts.map((t) => t.keys()));
  const entityIdf = idfTable(entityCounts.map((e) => e.keys()));
  // Terms of one article only never match another; just below the IDF of a single article.
  const singleIdf = idfOf(1, articles.length) - 1e-9;
  const items: Item[] = articles.map((article, i) => ({
    article,
    headline: headlines[i] ?? null,
    day: dayOf(article),
    vector: tfidfVector(termCounts[i] as Map<string, number>, termIdf, singleIdf),
    entities: entityCounts[i] as Map<string, number>,
    group: groupOf.get(article.id) ?? -1,
    residualSq: 0,
  }));
  for (const item of items) item.residualSq = Math.max(0, 1 - item.vector.reduce((sum, [, w]) => sum + w * w, 0));
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
        residualSq: 0,
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

  return mergeClusters(clusters, postings, entityIdf).map((c) => toStory(c));
}

/**
 * Second pass: each story, newest first, merges into an older story whose centroid meets
 * `STORY_MERGE_THRESHOLD` (candidates from the inverted index). Returns the surviving stories
 * in order, each with its articles back in publication order.
 */
function mergeClusters(
  clusters: Cluster[],
  postings: Map<string, number[]>,
  entityIdf: Map<string, number>,
): Cluster[] {
  const merged = new Map<number, number>();
  const live = (i: number): number => {
    let r = i;
    while (merged.has(r)) r = merged.get(r) as number;
    return r;
  };
  for (let i = clusters.length - 1; i > 0; i--) {
    const c = clusters[i] as Cluster;
    const probe = centroidItem(c);
    let best = STORY_MERGE_THRESHOLD;
    let target: Cluster | null = null;
    for (const ci of candidates(probe, postings, clusters, c)) {
      const o = clusters[live(ci)] as Cluster;
      if (o.index >= c.index || !overlapsInTime(c, o)) continue;
      const s = similarity(probe, o, entityIdf);
      if (s >= best && (!target || s > best || o.index < target.index)) {
        best = s;
        target = o;
      }
    }
    if (!target) continue;
    for (const item of c.items) add(target, item, postings);
    merged.set(c.index, target.index);
  }
  const out = clusters.filter((c) => !merged.has(c.index));
  for (const c of out) c.items.sort(compareItems);
  return out;
}

/** A story seen as one article: its normalised centroid and its entities. */
function centroidItem(c: Cluster): Item {
  const norm = Math.sqrt(c.normSq + c.residualSq) || 1;
  const vector = [...c.centroid]
    .map(([t, w]): [string, number] => [t, w / norm])
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  return {
    article: (c.items[0] as Item).article,
    headline: null,
    day: c.firstDay,
    vector,
    entities: c.entities,
    group: -1,
    residualSq: c.residualSq / norm ** 2,
  };
}

/** Two stories whose date spans come within `MAX_GAP_DAYS` (undated stories match any). */
function overlapsInTime(x: Cluster, y: Cluster): boolean {
  if (x.firstDay === null || x.lastDay === null || y.firstDay === null || y.lastDay === null) return true;
  return x.firstDay <= y.lastDay + MAX_GAP_DAYS && y.firstDay <= x.lastDay + MAX_GAP_DAYS;
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
function candidates(
  item: Item,
  postings: Map<string, number[]>,
  clusters: readonly Cluster[],
  self: Cluster | null = null,
): number[] {
  const hits = new Map<number, number>();
  const closed = new Set<number>();
  for (const [k, w] of keysOf(item)) {
    const list = postings.get(k);
    if (!list) continue;
    for (let i = Math.max(0, list.length - MAX_POSTING_SCAN); i < list.length; i++) {
      const c = list[i] as number;
      if (closed.has(c) || c === self?.index) continue;
      if (!hits.has(c) && self === null && !withinGap(item.day, clusters[c] as Cluster)) {
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
  const cosine = c.normSq > 0 ? dot / Math.sqrt(c.normSq + c.residualSq) : 0;
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
  c.residualSq += item.residualSq;
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

/**
 * A short label for an article: its headline, else the start of its first body line (a title
 * that is not a headline is site chrome, never a label).
 */
function labelOf(item: Item): string {
  if (item.headline) return item.headline;
  const line = item.article.text.trim().split('\n')[0]?.trim() ?? '';
  return line.length > 100 ? `${line.slice(0, 99).trimEnd()}…` : line;
}

function toStory(c: Cluster): Story {
  const first = c.items[0] as Item;
  // Most central article with a headline: highest cosine with the centroid; ties go to the
  // earlier one.
  let central = first;
  let bestDot = -1;
  for (const item of c.items) {
    if (!item.headline) continue;
    let dot = 0;
    for (const [t, w] of item.vector) dot += w * (c.centroid.get(t) ?? 0);
    if (dot > bestDot + 1e-9) {
      bestDot = dot;
      central = item;
    }
  }
  return {
    storyId: `s_${suffix(first.article.id)}`,
    title: labelOf(central),
    summary: leadSentence(central.article.text),
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

/** Cosine of an article with the summed vectors of an event's articles (residuals in the norm). */
function eventCosine(item: Item, e: EventDraft): number {
  const sum = new Map<string, number>();
  let residualSq = 0;
  for (const other of e.items) {
    for (const [t, w] of other.vector) sum.set(t, (sum.get(t) ?? 0) + w);
    residualSq += other.residualSq;
  }
  let dot = 0;
  for (const [t, w] of item.vector) dot += w * (sum.get(t) ?? 0);
  let normSq = residualSq;
  for (const w of sum.values()) normSq += w * w;
  const c = normSq > 0 ? dot / Math.sqrt(normSq) : 0;
  return c;
}

/**
 * Events of a story: articles published within `EVENT_GAP_DAYS` of the event's first article (no
 * chaining day after day) that share a dominant actor (or where one side names none) or whose
 * words meet `EVENT_MIN_COSINE` with the event. Copies stay together; undated articles that are
 * not copies form their own undated event.
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
        if (sharesActor || eventCosine(item, e) >= EVENT_MIN_COSINE) {
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
  const out = events.map((e) => {
    const first = e.items[0] as Item;
    const dated = e.items.find((i) => i.article.published.date !== null);
    return {
      eventId: `e_${suffix(first.article.id)}`,
      title: labelOf(e.items.find((i) => i.headline) ?? first),
      date: dated ? (dated.article.published.date as string).slice(0, 10) : null,
      articles: e.items.map((i) => i.article.id),
    };
  });
  // Date order, undated last; the sort is stable, so same-day events keep publication order.
  return out.sort((x, y) =>
    x.date === y.date ? 0 : x.date === null ? 1 : y.date === null ? -1 : x.date < y.date ? -1 : 1,
  );
}
