/**
 * times: time expressions with ISO values, on chrono-node.
 *
 * Reads `article.text`, `article.published` and the `sentences` layer; writes the `times` layer.
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
import type { TimeItem } from '../../core/doc.js';
import type { Draft } from '../../core/stage.js';
import { defineStage } from '../../core/stage.js';
import { splitSentences } from '../../core/text.js';
import { timesChrono } from './configuration.js';
import { type Day, parseIsoDay, resolveResult } from './resolve.js';
import { tenseAt } from './tense.js';

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

/** The reference day of an article and how sure it is: exact date (1) or end of a range (0.5). */
export function referenceDay(published: {
  date: string | null;
  to: string | null;
}): { day: Day; confidence: number } | null {
  const exact = parseIsoDay(published.date);
  if (exact) return { day: exact, confidence: 1 };
  const to = parseIsoDay(published.to);
  return to ? { day: to, confidence: 0.5 } : null;
}

/**
 * Time expressions of `text`, resolved against `published`.
 * @param sentences - sentence spans of `text` (split here when omitted)
 */
export function findTimes(
  text: string,
  published: { date: string | null; to: string | null },
  sentences = splitSentences(text),
): Draft<TimeItem>[] {
  const ref = referenceDay(published);
  const refDate = ref ? new Date(ref.day.year, ref.day.month - 1, ref.day.day, 12) : NEUTRAL_REFERENCE;
  const items: Draft<TimeItem>[] = [];
  for (const sentence of sentences) {
    const sentenceText = text.slice(sentence.start, sentence.end);
    if (!DATE_CUE_RE.test(sentenceText)) continue;
    for (const r of timesChrono.parse(sentenceText, refDate)) {
      let start = r.index;
      let end = r.index + r.text.length;
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
  return items;
}

/**
 * The `times` stage: every time expression of the article with its ISO value (or null).
 * @example
 * createPipeline([sentencesStage, timesStage]).annotate(article).layers.times
 */
export const timesStage = defineStage({
  name: 'times',
  version: 1,
  requires: ['sentences'],
  run: (doc) => findTimes(doc.article.text, doc.article.published, doc.layers.sentences ?? []),
});
