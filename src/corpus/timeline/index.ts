/**
 * timeline: dated statements across the corpus, one entry per event.
 *
 * Reads each article's text, publication date and `times` layer, the stories and the duplicate
 * pairs; writes `TimelineEntry[]`.
 *
 * A dated statement is a sentence with an event verb (said, announced, killed, met, signed… any
 * `-ed` past form, or will/shall/would + verb, so announced plans are kept) and a main time. One
 * sentence gives at most one statement, dated by its main time (`mainTime`):
 * - only day (`YYYY-MM-DD`) and month (`YYYY-MM`) values; a year alone is too coarse;
 * - reference points are not the event's date: a time after since/until/by/before/after/from/as
 *   of ("the steepest drop since October", "withdraw by the end of March") is skipped, unless a
 *   "when" clause hangs on it ("since January, when Kestria accused…" dates that accusation);
 *   "shortly after midnight" is a time, not a reference point;
 * - vague spans are skipped: "this week", "last week", "next week", "this month", "recent days"
 *   ("last month" stays: it names another month);
 * - a time inside quoted speech is skipped: it is relative to when it was said;
 * - a day wins over a month; among days (or months), the first in the sentence, which is the one
 *   the main verb carries in news word order ("X said on Tuesday that … on Monday");
 * - a month is kept only when the sentence has no usable day and the month is not simply the
 *   article's publication month (background like "earlier this month", "last week");
 * - a day after the article's publication in a past clause is a misreading, not an event: skipped.
 *
 * Articles whose publication date was borrowed from a copy (`inferFromCopies`) had no reference
 * when the times stage ran: their relative times are resolved again here, against that date.
 *
 * Merging: statements with the same date and story (or both outside any story) are one event when
 * their content words overlap (`similarity` ≥ `MERGE_SIMILARITY`, or the looser
 * `LOOSE_SIMILARITY` with more shared stems: overlap coefficient of word stems, with numbers kept
 * whole), when both are their article's lede (first dated statement) inside one story, or, when
 * their articles are copies of each other per
 * `duplicates`, at the lower `DUPLICATE_SIMILARITY`, or whatever the overlap when each copy states
 * that date only once (rewritten syndication). Two statements of one article never merge.
 *
 * Entry text: the sentence of the earliest-published article (then input order), without a
 * leading dateline ("MERIDA CITY (AP) —", "KESTRELGRAD, 11 March —"), cut to `MAX_TEXT`
 * characters at a word boundary. Evidence: every merged sentence, as an exact span of its article.
 *
 * Limits: English cues only; sentences are re-split here (`splitSentences`) since the corpus does
 * not store them; single-link grouping can chain near-identical sentences; "first time in the
 * sentence" is a word-order heuristic, not a parse.
 */
import type { CorpusArticle, Duplicate, Evidence, Story, TimelineEntry } from '../../core/corpus.js';
import type { Sentence, TimeItem } from '../../core/doc.js';
import { sentenceAt, splitSentences } from '../../core/text.js';
import { findTimes } from '../../stages/times/index.js';
import { tenseAt } from '../../stages/times/tense.js';

/**
 * Overlap coefficient (shared stems / smaller set) at which two reports of one date and story are
 * one event. Tuned on examples/corpus: rewordings of one event by different outlets ("Kestria
 * will withdraw 20,000 troops…" / "Kestrelgrad said on Tuesday it would withdraw 20,000 troops…")
 * score 0.4–0.6; different events of the same day and story score ≤ 0.3.
 */
export const MERGE_SIMILARITY = 0.4;
/**
 * A looser tier for longer sentences: at least a third of the smaller set and `MIN_SHARED_LOOSE`
 * stems ("Valdoria's own defence ministry has estimated that about 40,000 troops were massed …
 * on March 9" / "… the Valdorian government, which spoke of about 40,000 troops on March 9").
 * On examples/corpus different same-day events of one story share at most 0.29 with 6 stems.
 */
export const LOOSE_SIMILARITY = 1 / 3;
export const MIN_SHARED_LOOSE = 5;
/** Lower bar when the two articles are known copies (duplicates/syndication). */
export const DUPLICATE_SIMILARITY = 0.25;
/** Fewest shared stems for a merge that is not between copies: short sentences share little by chance. */
export const MIN_SHARED = 3;
/** Longest entry text, in characters. */
export const MAX_TEXT = 200;
/** Stem length: a word cut to its first letters ("withdrawal" = "withdraw", "Kestrian" = "Kestria"). */
const STEM = 5;

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_RE = /^\d{4}-\d{2}$/;
/** Rules of the times stage whose values lean on a publication date the article did not have. */
const UNRESOLVED_RULES = new Set(['times/unresolved-relative', 'times/unresolved-year']);
/** Words before a time that make it a reference point, not the date of the statement. */
const REFERENCE_BEFORE_RE =
  /\b(?:since|until|till|by|before|(?<!\b(?:shortly|just|soon|immediately|right)\s+)after|from|through|as\s+of|as\s+early\s+as|ahead\s+of|prior\s+to|up\s+to)\s+(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?$/i;
/** The same words when the times stage kept them inside the expression ("from 6am on Saturday"). */
const REFERENCE_START_RE = /^(?:since|until|till|by|before|after|from|through)\b/i;
/** …unless a "when" clause dates an event at it: "since January, when Kestria accused Valdoria". */
const WHEN_AFTER_RE = /^\s*,?\s*when\b/i;
/** Spans too vague to date an event. */
const VAGUE_RE = /\b(?:(?:this|current)\s+(?:week|month|year)|recent\s+(?:days|weeks|months))\b/i;
/** A dateline at the start of a sentence: "MERIDA CITY (AP) —", "KESTRELGRAD, 11 March —", "ALDMERE –". */
const DATELINE_RE =
  /^[A-Z][A-Z.'’ -]{2,40}(?:,\s*(?:\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\.?\s+\d{1,2}))?\s*(?:\([A-Za-z .]+\)\s*)?[—–-]+\s+/;
const EVENT_VERB_RE =
  /\b(?:said|says|told|announced|confirmed|reported|killed|died|collapsed|met|signed|arrived|fled|deployed|attacked|launched|opened|closed|resigned|elected|won|lost|began|ended|struck|hit|seized|captured|released|fell|rose|held|left|came|went|took|gave|made|sent|ran|broke|shot|spoke|wrote|built|found|led|drove|flew|threw|sank|sought|fought|caught|bought|sold|paid|kept|stood|struck|swept|began|(?:will|shall|would)\s+[a-z]+|[a-z]{3,}ed)\b/gi;
const NOT_VERB_RE =
  /^(?:need|feed|seed|speed|hundred|indeed|proceed|exceed|succeed|breed|greed|creed|weed|embed|shred|bleed)$/i;
/** A byline or date line left in the body ("Sana Mirza in Lindgate · March 19 2026 · Updated 18:10 GMT"): no event. */
const DATE_LINE_RE = /(?:^|[·|]\s*)(?:Updated|Published|Posted|Last\s+(?:updated|modified))\b/;
/** Words, with numbers kept whole ("20,000", "1.8"). */
const WORD_RE = /\p{N}+(?:[.,]\p{N}+)*|\p{L}+/gu;
const STOPWORDS = new Set(
  (
    'the a an and or but of to in on at by for with from as is are was were be been being has have had ' +
    'that this these those it its he she they them his her their we our you your i said says will would ' +
    'not no than then there here who whom which what when where while after before about into over under ' +
    'also more most some any all one two three on monday tuesday wednesday thursday friday saturday sunday ' +
    'january february march april may june july august september october november december last week ago ' +
    'yesterday today according officials official told added could should since until morning evening ' +
    'afternoon night early late'
  ).split(' '),
);

interface Statement {
  article: string;
  order: number;
  published: string;
  date: string;
  storyId: string | null;
  evidence: Evidence;
  words: Set<string>;
  /** The article's first dated statement: the event it leads with. */
  lede: boolean;
}

/** Stems of the content words of `text`: lower case, cut to `STEM` letters; numbers whole. */
export function contentWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const m of text.toLowerCase().matchAll(WORD_RE)) {
    const w = m[0];
    if (/^\p{N}/u.test(w)) {
      if (w.length > 1) words.add(w);
    } else if (w.length > 2 && !STOPWORDS.has(w)) words.add(w.slice(0, STEM));
  }
  return words;
}

function shared(a: Set<string>, b: Set<string>): number {
  let n = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const w of small) if (large.has(w)) n++;
  return n;
}

/** Overlap coefficient of two stem sets: shared / size of the smaller one. */
export function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  return shared(a, b) / Math.min(a.size, b.size);
}

function hasEventVerb(sentence: string): boolean {
  for (const m of sentence.matchAll(EVENT_VERB_RE)) {
    if (!NOT_VERB_RE.test(m[0])) return true;
  }
  return false;
}

/** `text` without a leading dateline, cut to at most `max` characters at a word boundary. */
export function entryText(text: string, max = MAX_TEXT): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const body = flat.replace(DATELINE_RE, '');
  const clean = body.length > 0 ? body : flat;
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '')}…`;
}

/**
 * Whether `offset` of `sentence` is inside quoted speech: "today" in “… standing today,” he said
 * is the day it was said, which the text does not give.
 */
export function insideQuote(sentence: string, offset: number): boolean {
  let open = false;
  for (let i = 0; i < offset && i < sentence.length; i++) {
    const c = sentence[i];
    if (c === '“' || c === '«') open = true;
    else if (c === '”' || c === '»') open = false;
    else if (c === '"') open = !open;
  }
  return open;
}

/** Publication day (YYYY-MM-DD) of an article, or '' when unknown. */
function publicationDay(article: CorpusArticle): string {
  const iso = article.published.date ?? article.published.to ?? '';
  return /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : '';
}

/** The article's times; resolved again when its publication date came later (from a copy). */
function timesOf(article: CorpusArticle): TimeItem[] {
  // Only a date filled in from a copy is new to the times stage; with the article's own date,
  // running chrono again gives the same times and cost ~0.5 s CPU per 600 articles per update.
  if (article.published.how !== 'duplicate' || !publicationDay(article)) return article.times;
  if (!article.times.some((t) => t.value === null && UNRESOLVED_RULES.has(t.prov.rule ?? ''))) return article.times;
  return findTimes(article.text, article.published).map((t) => ({
    ...t,
    prov: { ...t.prov, stage: 'times', version: 2 },
  }));
}

/**
 * The main time of one sentence, per the rules in the file comment, or null.
 * @param sentence - the sentence span; `times` are those inside it, in text order
 * @param published - the article's publication day, or ''
 * @param articleHasDays - whether the article dates anything to the day (then its publication
 *   month alone is background)
 */
export function mainTime(
  text: string,
  sentence: Sentence,
  times: readonly TimeItem[],
  published: string,
  articleHasDays: boolean,
): TimeItem | null {
  const sentenceText = text.slice(sentence.start, sentence.end);
  let month: TimeItem | null = null;
  for (const t of times) {
    const value = t.value;
    if (value === null || !(DAY_RE.test(value) || MONTH_RE.test(value))) continue;
    if (t.prov.rule === 'times/relative-week' || VAGUE_RE.test(t.text)) continue;
    const before = text.slice(Math.max(sentence.start, t.start - 24), t.start);
    const after = text.slice(t.end, Math.min(sentence.end, t.end + 8));
    const reference = REFERENCE_BEFORE_RE.test(before) || REFERENCE_START_RE.test(t.text);
    if (reference && !WHEN_AFTER_RE.test(after)) continue;
    if (insideQuote(sentenceText, t.start - sentence.start)) continue;
    if (DAY_RE.test(value)) {
      const inPast = tenseAt(sentenceText, t.start - sentence.start, t.end - sentence.start) === 'past';
      if (published && value > published && inPast) continue; // a past event after publication: misread
      return t;
    }
    if (!month && !(articleHasDays && published && value === published.slice(0, 7))) month = t;
  }
  return month;
}

/** Dated statements of one article, at most one per sentence. */
function statementsOf(article: CorpusArticle, order: number, storyId: string | null): Statement[] {
  const times = timesOf(article).filter((t) => t.value !== null);
  if (times.length === 0) return [];
  const published = publicationDay(article);
  const articleHasDays = times.some((t) => t.value !== null && DAY_RE.test(t.value));
  const sentences = splitSentences(article.text);
  const bySentence = new Map<number, TimeItem[]>();
  for (const time of times) {
    const index = sentenceAt(sentences, time.start);
    const list = bySentence.get(index);
    if (list) list.push(time);
    else bySentence.set(index, [time]);
  }
  const out: Statement[] = [];
  for (const [index, list] of bySentence) {
    const sentence = sentences[index];
    if (!sentence) continue;
    const text = article.text.slice(sentence.start, sentence.end);
    if (!hasEventVerb(text) || DATE_LINE_RE.test(text)) continue;
    const main = mainTime(article.text, sentence, list, published, articleHasDays);
    if (!main?.value) continue;
    out.push({
      article: article.id,
      order,
      published,
      date: main.value,
      storyId,
      evidence: { article: article.id, start: sentence.start, end: sentence.end, text },
      words: contentWords(text),
      lede: false,
    });
  }
  const lede = out.reduce<Statement | null>((a, b) => (a && a.evidence.start <= b.evidence.start ? a : b), null);
  if (lede) lede.lede = true;
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

  const entries: Array<TimelineEntry & { order: number; at: number }> = [];
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
      const lead = [...cluster].sort((x, y) => compare(x.published || '~', y.published || '~') || x.order - y.order)[0];
      entries.push({
        date: first.date,
        text: entryText((lead ?? first).evidence.text),
        articles: [...new Set(cluster.map((m) => m.article))],
        evidence: cluster.map((m) => m.evidence),
        storyId: first.storyId,
        order: first.order,
        at: first.evidence.start,
      });
    }
  }
  return entries
    .sort(
      (x, y) =>
        compare(x.date, y.date) ||
        (x.storyId === y.storyId
          ? x.order - y.order || x.at - y.at
          : x.storyId === null
            ? 1
            : y.storyId === null
              ? -1
              : compare(x.storyId, y.storyId)),
    )
    .map(({ order: _order, at: _at, ...entry }) => entry);
}

/**
 * Same event: high overlap; or the lede of both articles (two articles of one story leading with
 * the same day report the same news, however worded: "Kestria has moved about 40,000 troops…" /
 * "At least 41,000 Kestrian troops…"); or copies whose sentences overlap a little, or that each
 * state this date only once (then they can only be reporting the same thing).
 */
function isSameEvent(a: Statement, b: Statement, copies: Set<string>, isOnly: (s: Statement) => boolean): boolean {
  const overlap = similarity(a.words, b.words);
  const common = shared(a.words, b.words);
  if (overlap >= MERGE_SIMILARITY && common >= MIN_SHARED) return true;
  if (overlap >= LOOSE_SIMILARITY && common >= MIN_SHARED_LOOSE) return true;
  if (a.lede && b.lede && a.storyId !== null) return true;
  if (!copies.has(`${a.article}\u0000${b.article}`)) return false;
  return overlap >= DUPLICATE_SIMILARITY || (isOnly(a) && isOnly(b));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
