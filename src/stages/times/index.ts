/**
 * times: time expressions with ISO values (chrono-node) and TIMEX3 readings (`timeml.ts`).
 *
 * Reads `article.text`, `article.published`, `article.removed` (captions) and the `sentences`
 * layer; writes the `times` layer, and `article.published` when extract found no date and the
 * text bounds one (`published.ts`: `how: 'text'`, a range with its evidence).
 *
 * Two readings per expression: `value` is the day, month or year the timeline may use (null when
 * not known for sure); `timeml` is the TimeML TIMEX3 type/value/mod (`DATE 2026-W11`,
 * `DURATION P3D`, `SET XXXX-WXX-1`, `DATE PRESENT_REF`, X for what the anchor leaves unknown).
 * The TIMEX3 tagger runs first over the whole text; chrono runs only on windows around what it
 * found (chrono costs dozens of regexes per call). Durations, sets and references chrono does not
 * see become items of their own with `value: null`.
 *
 * Reference: `published.date` when known, else the end (`to`) of the published range (values
 * that lean on it then carry confidence ≤ 0.5). Without either, relative expressions ("on
 * Wednesday", "last week", "two days ago", "March 9") get `value: null`; stated ones ("March 9,
 * 2026", "May 2019", "in 2019") still resolve. Never resolved against today.
 *
 * Values: `YYYY-MM-DD` when the day is stated or implied by a relative expression anchored on the
 * publication day; `YYYY-MM` when only the month ("since January", "last month", a week inside
 * one month); `YYYY` for bare years ("in 2019", "since 2020", "late 2024").
 *
 * Rules (`prov.rule`): `times/absolute-date`, `times/month-year`, `times/year`, `times/bare-year`,
 * `times/ambiguous-slash-date` (03/04/2023 could be either order: only the year is kept;
 * 14/10/2023 is read day-first because 14 cannot be a month), `times/implied-year`,
 * `times/relative-weekday`, `times/relative-week`, `times/relative-ago`, `times/relative-casual`
 * (today, yesterday, tonight, this morning), `times/relative-period` (last month, next year),
 * `times/unresolved-relative`, `times/unresolved-year`, `times/relative-to-event` ("two days
 * later", "a week after": counted from another event, so null), `times/duration` ("for five
 * hours", "within 48 hours", "the highest level in 40 years": null; "in two weeks" gets a day
 * only in a future clause). `times/relative-period` also covers "this month", "this year" and
 * "the end of the month" (chrono gives them no relative tag; they lean on publication).
 *
 * Direction: a bare weekday or implied year follows the tense of the nearest verb cue
 * (`tense.ts`): past → on or before publication, future (will, shall, is to, plans to, is
 * expected to, next…) → after it, future-in-past (would, could, was to, was expected to, planned
 * to: a reported plan) → a weekday on or after publication, an implied year the closest one
 * ("said the drills would end on March 20" in a 12 March article is 20 March of that year).
 * chrono's `forwardDate` is not used: it also pushes "last Wednesday" and past "March 9" into
 * the future.
 *
 * Decisions and limits: a time of day alone ("09:41 GMT") is not emitted, nor a part of the day
 * alone ("night shifts", "every evening", "by mid-morning"), a capitalised "Today" inside a name
 * ("Valdoria Today"), or a weekday after "a"/"every"/"one" ("a Saturday market"); with a date ("on
 * Wednesday at 3pm") it is kept and the value is the day. Slash dates without a year ("1/2",
 * "3/1") are dropped as fractions/scores. Month and weekday names in lower case ("the march",
 * "may", "sat") and weekday abbreviations alone ("Sun") are dropped; a bare month name needs a cue
 * before it ("in May"). Bare years need a cue word ("in", "since", "by", "late"…); "the 2019
 * election" is missed. Ranges ("March 3 to March 5") take the start's value. English only.
 */
import type { Article, Published, Sentence, TimeItem } from '../../core/doc.js';
import type { Draft } from '../../core/stage.js';
import { defineStage } from '../../core/stage.js';
import { splitSentences } from '../../core/text.js';
import { daysBetween } from './calendar.js';
import { timesChrono } from './configuration.js';
import { textNumericOrder } from './locale.js';
import { inferPublished } from './published.js';
import { type Day, parseIsoDay, resolveResult } from './resolve.js';
import { tenseAt } from './tense.js';
import { findTimeml, type NumericOrder, type TimexSpan } from './timeml.js';

/**
 * Cheap gate before chrono: a sentence with no digit, no capitalised month/weekday name and no
 * relative phrase has no date we keep (lower-case names are dropped anyway). Keeps the stage fast
 * on long articles: chrono runs dozens of regexes per call. Case-sensitive on purpose (an
 * all-capitals "MARCH 12" headline line is skipped).
 */
const DATE_CUE_RE =
  /\d|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)|\b(?:[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight|midnight|ago|weekend|fortnight|(?:end|start|beginning|middle)\s+of\s+the\s+(?:week|month|year)|(?:[Tt]his|[Ll]ast|[Nn]ext|[Pp]ast|[Cc]oming|[Pp]revious)\s+(?:week|month|year|morning|afternoon|evening|night)|(?:days?|weeks?|months?|years?)\s+(?:later|after|before|earlier)|(?:[Ii]n|[Ww]ithin)\s+(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|several)\s+(?:days?|weeks?|months?|years?))\b/;
/** Chrono needs some reference; when the publication day is unknown, results that use it are discarded as null. */
const NEUTRAL_REFERENCE = new Date(2000, 5, 15, 12);
/** Leading/trailing bits chrono includes that are not the expression: "On Wednesday," → "Wednesday". */
const LEAD_RE = /^(?:[,(（]\s*)?(?:on\s+)?/i;
/** A bare year's cue preposition is not part of it ("since 2020" → "2020"); "late 2024" stays. */
const YEAR_LEAD_RE = /^(?:in|since|by|until|till|from|during|before|after|through(?:out)?)\s+/i;
const TRAIL_RE = /[\s,)）]+$/;

/** Longest publication range whose end still serves as a (less sure) reference: a month. */
const MAX_REFERENCE_RANGE_DAYS = 31;

/**
 * The reference day of an article and how sure it is: exact date (1) or end of a range (0.5). An
 * open range (only an upper bound: "the vote will be held on 7 June") or one wider than a month
 * gives none: its end is not when the article was written.
 */
export function referenceDay(published: {
  date: string | null;
  from?: string | null;
  to: string | null;
}): { day: Day; confidence: number } | null {
  const exact = parseIsoDay(published.date);
  if (exact) return { day: exact, confidence: 1 };
  const to = parseIsoDay(published.to);
  if (!to || published.from === null) return to && published.from === undefined ? { day: to, confidence: 0.5 } : null;
  const from = parseIsoDay(published.from);
  if (from && daysBetween(from, to) > MAX_REFERENCE_RANGE_DAYS) return null;
  return { day: to, confidence: 0.5 };
}

/**
 * Time expressions of `text`, resolved against `published`.
 * @param sentences - sentence spans of `text` (split here when omitted)
 */
export function findTimes(
  text: string,
  published: { date: string | null; from?: string | null; to: string | null },
  sentences: readonly Sentence[] = splitSentences(text),
): Draft<TimeItem>[] {
  const ref = referenceDay(published);
  const timexes = timemlOf(text, published, sentences, textNumericOrder(text));
  const items = findChronoTimes(text, ref, sentences, timexes);
  return attachTimeml(text, items, timexes);
}

/**
 * chrono's dates, sentence by sentence. chrono runs dozens of regexes per call: it is only called
 * on sentences where the TIMEX3 tagger (one pass over the whole text) found something, which
 * skips the many sentences whose digits are counts, sums and scores.
 */
function findChronoTimes(
  text: string,
  ref: { day: Day; confidence: number } | null,
  sentences: readonly Sentence[],
  timexes: readonly TimexSpan[],
): Draft<TimeItem>[] {
  let next = 0;
  const refDate = ref ? new Date(ref.day.year, ref.day.month - 1, ref.day.day, 12) : NEUTRAL_REFERENCE;
  const items: Draft<TimeItem>[] = [];
  for (const sentence of sentences) {
    while (next < timexes.length && (timexes[next] as TimexSpan).end <= sentence.start) next++;
    const windows: Array<[number, number]> = [];
    for (let i = next; i < timexes.length && (timexes[i] as TimexSpan).start < sentence.end; i++) {
      const t = timexes[i] as TimexSpan;
      if (!chronoMaySee(text, t)) continue;
      const from = wordStart(text, Math.max(sentence.start, t.start - WINDOW_BEFORE), sentence.start);
      const to = wordEnd(text, Math.min(sentence.end, t.end + WINDOW_AFTER), sentence.end);
      const last = windows[windows.length - 1];
      if (last && from <= last[1]) last[1] = Math.max(last[1], to);
      else windows.push([from, to]);
    }
    if (windows.length === 0) continue;
    const sentenceText = text.slice(sentence.start, sentence.end);
    if (!DATE_CUE_RE.test(sentenceText)) continue;
    for (const [from, to] of windows) {
      const offset = from - sentence.start;
      for (const r of timesChrono.parse(text.slice(from, to), refDate)) {
        let start = offset + r.index;
        let end = start + r.text.length;
        const leadRe = r.tags().has('parser/bare-year') ? YEAR_LEAD_RE : LEAD_RE;
        const lead = leadRe.exec(r.text)?.[0].length ?? 0;
        // keep a closing bracket that closes one opened inside: "March 3 (Tuesday)"
        const trail = r.text.includes('(') ? 0 : (TRAIL_RE.exec(r.text)?.[0].length ?? 0);
        if (lead + trail < r.text.length) {
          start += lead;
          end -= trail;
        }
        const tenseOf = () => tenseAt(sentenceText, start, end);
        const resolution = resolveResult(r, ref?.day ?? null, tenseOf, ref?.confidence ?? 1);
        items.push({
          kind: 'time',
          start: sentence.start + start,
          end: sentence.start + end,
          text: text.slice(sentence.start + start, sentence.start + end),
          value: resolution.value,
          prov:
            resolution.confidence === undefined
              ? { rule: resolution.rule }
              : { rule: resolution.rule, confidence: resolution.confidence },
        });
      }
    }
  }
  return items;
}

/**
 * Context chrono sees around a TIMEX3 expression: its prepositions and merge partners ("on",
 * "since", "Saturday, March 7 at 3pm") and what its filters look back at (24 characters), cut to
 * whole words inside the sentence.
 */
const WINDOW_BEFORE = 32;
const WINDOW_AFTER = 24;

/**
 * Whether chrono could date this TIMEX3 expression: dates and times, and a duration after "in"
 * ("the vote will take place in two weeks" names a day); not sets, durations or PRESENT_REF.
 */
function chronoMaySee(text: string, t: TimexSpan): boolean {
  if (t.type === 'DATE' || t.type === 'TIME') return !t.value.endsWith('_REF');
  if (t.type !== 'DURATION') return false;
  return (
    /\b(?:in|within|after|for)\s+$/i.test(text.slice(Math.max(0, t.start - 8), t.start)) ||
    /^\s+(?:later|after|before|earlier)\b/i.test(text.slice(t.end, t.end + 10))
  );
}

function wordStart(text: string, at: number, min: number): number {
  let i = at;
  while (i > min && !/\s/.test(text[i - 1] ?? '')) i--;
  return i;
}

function wordEnd(text: string, at: number, max: number): number {
  let i = at;
  while (i < max && !/\s/.test(text[i] ?? '')) i++;
  return i;
}

/**
 * TIMEX3 readings of `text`: anchored on the publication day when known; on a range, a value both
 * ends agree on, else the unanchored reading (X for the unknown part); never on today.
 */
function timemlOf(
  text: string,
  published: { date: string | null; from?: string | null; to: string | null },
  sentences: readonly Sentence[],
  numericOrder: NumericOrder,
): TimexSpan[] {
  const options = { sentences, numericOrder };
  const exact = parseIsoDay(published.date);
  if (exact) return findTimeml(text, exact, options);
  const unanchored = findTimeml(text, null, options);
  const from = parseIsoDay(published.from ?? null);
  const to = parseIsoDay(published.to);
  if (!from || !to) return unanchored;
  const early = findTimeml(text, from, options);
  const late = findTimeml(text, to, options);
  return unanchored.map((t, i) => {
    const a = early[i];
    const b = late[i];
    return a && b && a.start === t.start && a.value === b.value ? { ...t, value: a.value } : t;
  });
}

/**
 * Give each chrono item the TIMEX3 reading overlapping it most; TIMEX3 expressions chrono does not
 * see (durations, sets, PRESENT_REF, weeks, seasons, quarters) become items of their own with
 * `value: null` (no single day, month or year for the timeline).
 */
function attachTimeml(text: string, items: Draft<TimeItem>[], timexes: readonly TimexSpan[]): Draft<TimeItem>[] {
  const out: Draft<TimeItem>[] = [];
  const used = new Set<TimexSpan>();
  for (const item of items) {
    let best: TimexSpan | null = null;
    let bestOverlap = 0;
    for (const t of timexes) {
      const overlap = Math.min(t.end, item.end) - Math.max(t.start, item.start);
      if (overlap > bestOverlap) {
        best = t;
        bestOverlap = overlap;
      }
    }
    if (best) used.add(best);
    out.push(best ? { ...item, timeml: timexOf(best) } : item);
  }
  for (const t of timexes) {
    if (used.has(t) || items.some((item) => t.start < item.end && item.start < t.end)) continue;
    out.push({
      kind: 'time',
      start: t.start,
      end: t.end,
      text: text.slice(t.start, t.end),
      value: null,
      timeml: timexOf(t),
      prov: { rule: t.rule },
    });
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

function timexOf(t: TimexSpan): NonNullable<TimeItem['timeml']> {
  return t.mod ? { type: t.type, value: t.value, mod: t.mod } : { type: t.type, value: t.value };
}

/**
 * The article's publication date as the times stage anchors on it: the one extract found, else a
 * range inferred from the text (`published.ts`: dated statements, captions, a weekday with a date),
 * else unknown.
 */
export function publicationOf(article: Pick<Article, 'text' | 'published' | 'removed'>): Published {
  if (article.published.how !== 'unknown') return article.published;
  const captions = article.removed.filter((r) => r.reason === 'extract/caption').map((r) => r.text);
  return (
    inferPublished({ text: article.text, captions, numericOrder: textNumericOrder(article.text) }) ?? article.published
  );
}

/**
 * The `times` stage: every time expression of the article with its ISO value (or null) and its
 * TIMEX3 reading. An article without a publication date gets the range its text supports
 * (`publicationOf`), written onto `article.published`: it is the one article-level field this
 * stage owns, and later stages and the store read it from there.
 * @example
 * createPipeline([sentencesStage, timesStage]).annotate(article).layers.times
 */
export const timesStage = defineStage({
  name: 'times',
  version: 2,
  requires: ['sentences'],
  run: (doc) => {
    const published = publicationOf(doc.article);
    if (published !== doc.article.published) doc.article.published = published;
    return findTimes(doc.article.text, published, doc.layers.sentences ?? []);
  },
});
