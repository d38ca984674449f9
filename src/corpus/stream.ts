/**
 * The corpus stages as a stream: copies and stories for one arriving article at a time, with
 * memory bounded by a window of publication days. This is the `--corpus-only` path that
 * bench:scale measures; `analyzeCorpus` (index.ts) is the batch path that also merges entities,
 * builds the timeline and compares claims of annotated articles.
 *
 * Per article: `CopyIndex` finds the earlier article it copies (if any), which fixes its copy
 * group; `StoryIndex` places it in a story and an event (copies go where their group went).
 * Both evict what is older than `windowDays` before the newest publication day seen.
 *
 * Feed a batch in a fixed order (`streamOrder`) so the result does not depend on file order.
 */
import type { DuplicateKind } from '../core/corpus.js';
import { addTitleTerms, BODY_WORDS, contentWord, LEAD_WORDS } from './cluster/features.js';
import { type OnlineClusterOptions, type OnlineStory, type Placement, StoryIndex } from './cluster/online.js';
import { leadSentence } from './cluster/titles.js';
import { CopyIndex, type CopyMatch, wordsAndParagraphs } from './dedupe/online.js';

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
  placement: Placement;
}

export interface CorpusStreamOptions {
  windowDays: number;
  cluster: Partial<OnlineClusterOptions>;
}

const DAY_MS = 86_400_000;

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
 * Clustering terms from the words dedupe already normalised (one pass over the text, not two):
 * the title at double weight, the lead at 1, the rest of the first `LEAD_WORDS + BODY_WORDS`
 * words at 0.5, as `articleTerms` does for the batch path (which also skips boilerplate lines).
 */
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
      terms: termsOfWords(article.title, prepared.words),
      ...(article.entities ? { entities: article.entities } : {}),
      group,
      label: article.title ?? leadSentence(article.text).slice(0, 100),
      lead: leadSentence(article.text),
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
