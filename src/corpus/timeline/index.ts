/**
 * timeline: dated statements across the corpus, one entry per event.
 *
 * Reads each article's text and `times` layer, the stories and the duplicate pairs; writes
 * `TimelineEntry[]`.
 *
 * A dated statement is a sentence holding a time with a day or month value (`YYYY-MM-DD`,
 * `YYYY-MM`) and an event verb (said, announced, killed, met, signed… any `-ed` past form, or
 * will/shall + verb, so announced plans are kept). One entry per (sentence, date).
 *
 * Merging: statements with the same date and the same story (or both outside any story) are one
 * event when their content words overlap (Jaccard ≥ `MERGE_JACCARD`), or, when their articles
 * are copies of each other per `duplicates`, at the lower `DUPLICATE_JACCARD`, or whatever the
 * overlap when each copy states that date only once (rewritten syndication). Two different
 * sentences of a copy pair with the same date still do not fuse on the copy link alone. Two
 * statements of one article never merge.
 *
 * Entry text: the first article's sentence (input order), cut to `MAX_TEXT` characters at a word
 * boundary. Evidence: every merged sentence, as an exact span of its article.
 *
 * Limits: English verb cues only; sentences are re-split here (`splitSentences`) since the
 * corpus does not store them; single-link grouping can chain near-identical sentences.
 */
import type { CorpusArticle, Duplicate, Evidence, Story, TimelineEntry } from '../../core/corpus.js';
import type { Sentence } from '../../core/doc.js';
import { sentenceAt, splitSentences } from '../../core/text.js';

/** Content-word Jaccard at which two reports of one date and story are one event. */
export const MERGE_JACCARD = 0.5;
/** Lower bar when the two articles are known copies (duplicates/syndication). */
export const DUPLICATE_JACCARD = 0.25;
/** Longest entry text, in characters. */
export const MAX_TEXT = 200;

/** Day (YYYY-MM-DD) or month (YYYY-MM): a year alone is too coarse for a timeline. */
const DATED_RE = /^\d{4}-\d{2}(?:-\d{2})?$/;
const EVENT_VERB_RE =
  /\b(?:said|says|told|announced|confirmed|reported|killed|died|collapsed|met|signed|arrived|fled|deployed|attacked|launched|opened|closed|resigned|elected|won|lost|began|ended|struck|hit|seized|captured|released|fell|rose|held|left|came|went|took|gave|made|sent|ran|broke|shot|spoke|wrote|built|found|led|drove|flew|threw|sank|sought|fought|caught|bought|sold|paid|kept|stood|struck|swept|began|(?:will|shall|would)\s+[a-z]+|[a-z]{3,}ed)\b/gi;
const NOT_VERB_RE =
  /^(?:need|feed|seed|speed|hundred|indeed|proceed|exceed|succeed|breed|greed|creed|weed|embed|shred|bleed)$/i;
const WORD_RE = /[\p{L}\p{N}]+/gu;
const STOPWORDS = new Set(
  (
    'the a an and or but of to in on at by for with from as is are was were be been being has have had ' +
    'that this these those it its he she they them his her their we our you your i said says will would ' +
    'not no than then there here who whom which what when where while after before about into over under ' +
    'also more most some any all one two three on monday tuesday wednesday thursday friday saturday sunday ' +
    'january february march april may june july august september october november december last week ago ' +
    'yesterday today according officials official'
  ).split(' '),
);

interface Statement {
  article: string;
  order: number;
  date: string;
  storyId: string | null;
  evidence: Evidence;
  words: Set<string>;
}

function contentWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const m of text.toLowerCase().matchAll(WORD_RE)) {
    const w = m[0];
    if (w.length > 2 && !STOPWORDS.has(w)) words.add(w);
  }
  return words;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const w of small) if (large.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}

function hasEventVerb(sentence: string): boolean {
  for (const m of sentence.matchAll(EVENT_VERB_RE)) {
    if (!NOT_VERB_RE.test(m[0])) return true;
  }
  return false;
}

/** `text` cut to at most `max` characters at a word boundary, with an ellipsis when cut. */
function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '')}…`;
}

/** Dated statements of one article, one per (sentence, date). */
function statementsOf(article: CorpusArticle, order: number, storyId: string | null): Statement[] {
  const dated = article.times.filter((t) => t.value !== null && DATED_RE.test(t.value));
  if (dated.length === 0) return [];
  const sentences = splitSentences(article.text);
  const seen = new Set<string>();
  const out: Statement[] = [];
  for (const time of dated) {
    const index = sentenceAt(sentences, time.start);
    const sentence = sentences[index] as Sentence | undefined;
    if (!sentence || !time.value) continue;
    const key = `${index}|${time.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const text = article.text.slice(sentence.start, sentence.end);
    if (!hasEventVerb(text)) continue;
    out.push({
      article: article.id,
      order,
      date: time.value,
      storyId,
      evidence: { article: article.id, start: sentence.start, end: sentence.end, text },
      words: contentWords(text),
    });
  }
  return out;
}

/**
 * Build the corpus timeline: dated statements, merged across articles reporting the same event.
 * @param articles - annotated articles (their `times` layer gives the dates)
 * @param stories - stories, to give each entry its `storyId` and to keep stories apart
 * @param duplicates - copy pairs; copies merge at a lower overlap
 * @returns entries sorted by date, then story id (entries outside stories last), then article and
 *   sentence order
 * @example
 * const timeline = buildTimeline(articles, stories, duplicates);
 */
export function buildTimeline(articles: CorpusArticle[], stories: Story[], duplicates: Duplicate[]): TimelineEntry[] {
  const storyOf = new Map<string, string>();
  for (const story of stories) for (const id of story.articles) if (!storyOf.has(id)) storyOf.set(id, story.storyId);
  const copies = new Set<string>();
  for (const d of duplicates) {
    copies.add(`${d.a}\u0000${d.b}`);
    copies.add(`${d.b}\u0000${d.a}`);
  }

  // Group by (date, story): only statements inside one group can be one event.
  const groups = new Map<string, Statement[]>();
  articles.forEach((article, order) => {
    for (const s of statementsOf(article, order, storyOf.get(article.id) ?? null)) {
      const key = `${s.date}\u0000${s.storyId ?? ''}`;
      const group = groups.get(key);
      if (group) group.push(s);
      else groups.set(key, [s]);
    }
  });

  const entries: TimelineEntry[] = [];
  for (const group of groups.values()) {
    const perArticle = new Map<string, number>();
    for (const s of group) perArticle.set(s.article, (perArticle.get(s.article) ?? 0) + 1);
    const isOnly = (s: Statement) => perArticle.get(s.article) === 1;
    const clusters: Statement[][] = [];
    for (const s of group) {
      const home = clusters.find(
        (cluster) =>
          cluster.every((m) => m.article !== s.article) && cluster.some((m) => isSameEvent(m, s, copies, isOnly)),
      );
      if (home) home.push(s);
      else clusters.push([s]);
    }
    for (const cluster of clusters) {
      cluster.sort((x, y) => x.order - y.order || x.evidence.start - y.evidence.start);
      const first = cluster[0] as Statement;
      entries.push({
        date: first.date,
        text: shorten(first.evidence.text, MAX_TEXT),
        articles: [...new Set(cluster.map((m) => m.article))],
        evidence: cluster.map((m) => m.evidence),
        storyId: first.storyId,
      });
    }
  }
  // Stable sort: within one date and story, entries keep article order, then sentence order.
  return entries.sort(
    (x, y) =>
      compare(x.date, y.date) ||
      (x.storyId === y.storyId ? 0 : x.storyId === null ? 1 : y.storyId === null ? -1 : compare(x.storyId, y.storyId)),
  );
}

/**
 * Same event: high overlap; or copies whose sentences overlap a little, or that each state this
 * date only once (then they can only be reporting the same thing).
 */
function isSameEvent(a: Statement, b: Statement, copies: Set<string>, isOnly: (s: Statement) => boolean): boolean {
  const overlap = jaccard(a.words, b.words);
  if (overlap >= MERGE_JACCARD) return true;
  if (!copies.has(`${a.article}\u0000${b.article}`)) return false;
  return overlap >= DUPLICATE_JACCARD || (isOnly(a) && isOnly(b));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
