/**
 * The corpus stages as a stream: copies and stories for one arriving article at a time, with
 * memory bounded by a window of publication days. This is the `--corpus-only` path that
 * bench:scale measures; `analyzeCorpus` (index.ts) is the batch path that also merges entities,
 * builds the timeline and compares claims of annotated articles.
 *
 * Per article: `CopyIndex` finds the earlier article it copies (if any), which fixes its copy
 * group; `StoryIndex` places it in a story and an event (copies go where their group went).
 * Both evict what is older than `windowDays` before the newest publication day seen. When the
 * publication day advances, and at the end of a batch, `StoryIndex.settle` moves the articles of
 * the day just ended to the stories that fit them best (see cluster/online.ts): read stories from
 * what `streamCopiesAndStories` returns, not from each article's first placement.
 *
 * Feed a batch in a fixed order (`streamOrder`) so the result does not depend on file order.
 */
import type { CorpusArticle, Duplicate, DuplicateKind, Story } from '../core/corpus.js';
import { addTitleTerms, BODY_WORDS, contentWord, LEAD_WORDS } from './cluster/features.js';
import {
  type OnlineClusterOptions,
  type OnlineStory,
  type Placement,
  StoryIndex,
  TERM_MASK,
  termId,
} from './cluster/online.js';
import { leadSentence } from './cluster/titles.js';
import { findConflicts, findQuoteRecords } from './compare/index.js';
import { inferFromCopies } from './dedupe/index.js';
import { fmix32 } from './dedupe/minhash.js';
import { CopyIndex, type CopyMatch, wordsAndParagraphs } from './dedupe/online.js';
import { mergeEntities, remapArticle } from './entities/index.js';
import type { CorpusAnalysis } from './index.js';
import { buildTimeline } from './timeline/index.js';

export interface StreamArticle {
  id: string;
  title: string | null;
  text: string;
  /** Publication day number (days since 1970-01-01), or null. */
  day: number | null;
  wire: readonly string[];
  entities?: readonly string[];
}

export interface StreamResult {
  copy: (CopyMatch & { kind: DuplicateKind }) | null;
  /** Root of the article's copy group (the first article of the group seen). */
  group: string;
  /** Where the article went on arrival (the settle of its day may still move it). */
  placement: Placement;
}

export interface CorpusStreamOptions {
  windowDays: number;
  cluster: Partial<OnlineClusterOptions>;
}

const DAY_MS = 86_400_000;
const EMPTY_TERMS: ReadonlyMap<string, number> = new Map();

/** Day number of an ISO date (or its first day for a month or year), or null. */
export function dayNumber(iso: string | null): number | null {
  if (!iso) return null;
  const t = Date.parse(iso.length === 4 ? `${iso}-01-01` : iso.length === 7 ? `${iso}-01` : iso.slice(0, 10));
  return Number.isNaN(t) ? null : Math.floor(t / DAY_MS);
}

/** Batch order for the stream: dated by day first, then id; undated last. */
export function streamOrder<T extends { id: string; day: number | null }>(batch: readonly T[]): T[] {
  return [...batch].sort((x, y) => {
    if (x.day !== y.day) {
      if (x.day === null) return 1;
      if (y.day === null) return -1;
      return x.day - y.day;
    }
    return x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
  });
}

/**
 * Clustering terms from the words dedupe already normalised and hashed (one pass over the text,
 * not two), keyed by `termId`: the title at double weight, the lead at 1, the rest of the first
 * `LEAD_WORDS + BODY_WORDS` words at 0.5, as `articleTerms` does for the batch path (which also
 * skips boilerplate lines). A word that is its own term reuses the tokeniser's hash.
 */
export function termIdsOfWords(
  title: string | null,
  words: readonly string[],
  wordHashes: ArrayLike<number>,
): Map<number, number> {
  const ids = new Map<number, number>();
  if (title) {
    const titleTerms = new Map<string, number>();
    addTitleTerms(title, titleTerms);
    for (const [t, c] of titleTerms) ids.set(termId(t), c);
  }
  const n = Math.min(words.length, LEAD_WORDS + BODY_WORDS);
  for (let i = 0; i < n; i++) {
    const w = words[i] as string;
    const c = w.charCodeAt(0);
    if (c >= 48 && c <= 57) continue;
    const t = contentWord(w);
    if (!t) continue;
    const id = t === w ? fmix32(wordHashes[i] as number) & TERM_MASK : termId(t);
    ids.set(id, (ids.get(id) ?? 0) + (i < LEAD_WORDS ? 1 : 0.5));
  }
  return ids;
}

/** The same terms as strings (for callers that want to read them). */
export function termsOfWords(title: string | null, words: readonly string[]): Map<string, number> {
  const terms = new Map<string, number>();
  if (title) addTitleTerms(title, terms);
  const n = Math.min(words.length, LEAD_WORDS + BODY_WORDS);
  for (let i = 0; i < n; i++) {
    const w = words[i] as string;
    const c = w.charCodeAt(0);
    if (c >= 48 && c <= 57) continue;
    const t = contentWord(w);
    if (t) terms.set(t, (terms.get(t) ?? 0) + (i < LEAD_WORDS ? 1 : 0.5));
  }
  return terms;
}

export { leadSentence };

export class CorpusStream {
  readonly copies: CopyIndex;
  readonly stories: StoryIndex;
  /** Article id → copy group root, for articles of the window that are in a group. */
  private readonly groupOf = new Map<string, string>();
  private readonly idsByDay = new Map<number, string[]>();
  private newestDay: number | null = null;
  private readonly windowDays: number;

  constructor(options: Partial<CorpusStreamOptions> = {}, onEvict: ((story: OnlineStory) => void) | null = null) {
    this.windowDays = options.windowDays ?? 30;
    this.copies = new CopyIndex({ windowDays: this.windowDays });
    this.stories = new StoryIndex({ windowDays: this.windowDays, ...options.cluster }, onEvict);
  }

  add(article: StreamArticle): StreamResult {
    this.forget(article.day);
    const prepared = wordsAndParagraphs(article.text);
    const copy = this.copies.add(
      { id: article.id, day: article.day, text: article.text, wire: article.wire },
      prepared,
    );
    const group = copy ? (this.groupOf.get(copy.of) ?? copy.of) : article.id;
    if (copy) {
      this.groupOf.set(article.id, group);
      if (!this.groupOf.has(copy.of)) this.groupOf.set(copy.of, group);
      if (article.day !== null) {
        const list = this.idsByDay.get(article.day);
        if (list) list.push(article.id, copy.of);
        else this.idsByDay.set(article.day, [article.id, copy.of]);
      }
    }
    const placement = this.stories.add({
      id: article.id,
      day: article.day,
      terms: EMPTY_TERMS,
      termIds: termIdsOfWords(article.title, prepared.words, prepared.wordHashes),
      ...(article.entities ? { entities: article.entities } : {}),
      group,
      label: article.title ?? leadSentence(article.text).slice(0, 100),
      // Read only when the article gives its story a title (a closure, so the text is not kept).
      lead: () => leadSentence(article.text),
    });
    return { copy, group, placement };
  }

  /** Drop group links of days that left the window. */
  private forget(day: number | null): void {
    if (day === null || (this.newestDay !== null && day <= this.newestDay)) return;
    this.newestDay = day;
    for (const [d, ids] of this.idsByDay) {
      if (d >= day - this.windowDays) continue;
      for (const id of ids) this.groupOf.delete(id);
      this.idsByDay.delete(d);
    }
  }
}

/** ISO date of a day number. */
function isoDay(day: number | null): string | null {
  return day === null ? null : new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** An online story as the batch path's `Story`. */
export function storyOf(story: OnlineStory): Story {
  return {
    storyId: story.storyId,
    title: story.title,
    ...(story.summary ? { summary: story.summary } : {}),
    articles: [...story.documents],
    independentSources: story.sources,
    events: story.events.map((e) => ({
      eventId: e.eventId,
      title: e.title,
      date: isoDay(e.firstDay),
      articles: [...e.documents],
    })),
  };
}

/**
 * Copies and stories of articles that arrive in stream order (the caller sorts a batch with
 * `streamOrder`; a generator already in day order needs nothing), each placed once: the step
 * `analyzeCorpusStream` runs and bench:scale measures. `onResult` sees each placement as it is made.
 */
export function streamCopiesAndStories(
  ordered: Iterable<StreamArticle>,
  options: Partial<CorpusStreamOptions> = {},
  onResult: ((article: StreamArticle, result: StreamResult, stream: CorpusStream) => void) | null = null,
): { duplicates: Duplicate[]; stories: Story[]; stream: CorpusStream } {
  const finished: Story[] = [];
  const stream = new CorpusStream(options, (story) => finished.push(storyOf(story)));
  const duplicates: Duplicate[] = [];
  for (const article of ordered) {
    const result = stream.add(article);
    const { copy } = result;
    if (copy)
      duplicates.push({
        a: copy.of,
        b: article.id,
        kind: copy.kind,
        similarity: Math.round(copy.similarity * 1000) / 1000,
      });
    onResult?.(article, result, stream);
  }
  // The end of the batch: its last documents are settled like every day's.
  stream.stories.settle();
  return { duplicates, stories: [...finished, ...stream.stories.liveStories().map(storyOf)], stream };
}

/**
 * `analyze --corpus-only`: copies and stories from the stream (`streamCopiesAndStories` over the
 * articles in `streamOrder`), then the batch steps that read only what exists: dates and wire
 * credits borrowed from copies, entity merging, timeline, conflicts and quote records of the
 * articles that carry annotation (none for articles stored with the flag).
 */
export function analyzeCorpusStream(
  articles: readonly CorpusArticle[],
  overrides: ReadonlyMap<string, string | null> = new Map(),
  options: Partial<CorpusStreamOptions> = {},
): CorpusAnalysis {
  const sorted = [...articles].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const { entities, remap } = mergeEntities(sorted, overrides);
  const remapped = remap.size > 0 ? sorted.map((a) => remapArticle(a, remap)) : sorted;
  const ordered = streamOrder(
    remapped.map(
      (article): StreamArticle => ({
        id: article.id,
        title: article.title,
        text: article.text,
        day: dayNumber(article.published.date ?? article.published.from),
        wire: article.wire,
        entities: [...new Set(article.entities.map((m) => m.entityId))],
      }),
    ),
  );
  const { duplicates, stories } = streamCopiesAndStories(ordered, options);
  const inferred = inferFromCopies(remapped, duplicates);
  const filled = remapped.map((a) => {
    const fill = inferred.get(a.id);
    return fill
      ? { ...a, ...(fill.published ? { published: fill.published } : {}), ...(fill.wire ? { wire: fill.wire } : {}) }
      : a;
  });
  const timeline = buildTimeline(filled, stories, duplicates);
  const conflicts = findConflicts(filled, stories, duplicates);
  const quotes = findQuoteRecords(filled, stories);
  return { duplicates, stories, timeline, conflicts, entities, remap, inferred, quotes };
}
