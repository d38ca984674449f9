/**
 * Publication date from the text, for articles whose metadata and date line gave none: an honest
 * range `from`..`to` with the evidence that bounds it, or null. Never the crawl date or today.
 *
 * Bounds (each a stated date with a year, or a weekday-and-date whose year the text pins):
 * - a dated statement in the past ("the treaty was signed on March 3, 2026", "as of March 3") or a
 *   dated photo caption: the article is from that day or later (`from`);
 * - a dated plan in the future ("the vote will be held on March 20, 2026"): the article is from
 *   before that day (`to`);
 * - a month or year stated in the past bounds from its first day ("prices rose in May 2025").
 * A weekday written with a date but no year ("Monday, March 9") pins the year when exactly one of
 * the latest stated year and the next has that weekday on that date.
 * Reference points ("until 2030", "by March 2026") do not bound anything: they are limits, not
 * events. Conflicting bounds (`from` after `to`: a tense misread) give null, not a guess.
 */
import type { Published } from '../../core/doc.js';
import { isoDay, isoWeekday, validDay } from './calendar.js';
import { tenseAt } from './tense.js';
import { findTimeml, type NumericOrder } from './timeml.js';

/** What the inference may read besides the body: captions removed by extract are dated evidence too. */
export interface PublishedEvidence {
  text: string;
  /** Captions and photo credits set aside by extract (`removed` with a caption reason). */
  captions?: readonly string[];
  numericOrder?: NumericOrder;
}

const DAY_VALUE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_VALUE = /^(\d{4})-(\d{2})$/;
const YEAR_VALUE = /^(\d{4})$/;
/** Words before a date that make it a limit, not an event. */
const LIMIT_BEFORE =
  /\b(?:until|till|by|before|to|through|ahead\s+of|no\s+later\s+than|deadline\s+(?:of|on)?)\s+(?:the\s+)?(?:(?:early|late|mid|end\s+of)[\s-]+)?$/i;
/** Words before a bare year that make it the time of an event. */
const YEAR_CUE_BEFORE = /\b(?:in|since|during|from|of|early|late|mid|around|after)\s+(?:the\s+)?$/i;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
/** "Monday, March 9", "Monday (March 9)", "on Monday, 9 March": a weekday next to a day with no year. */
const WEEKDAY_DATE_RE =
  /\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s*[,(]?\s*(?:(January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)\s+(\d{1,2})(?:st|nd|rd|th)?|(\d{1,2})(?:st|nd|rd|th)?\s+(January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?))\b(?!,?\s+\d{4})/g;

interface Bound {
  day: string;
  evidence: string;
}

/**
 * The publication range the text supports, or null when it supports none.
 * @example
 * inferPublished({ text: 'The bridge was closed on March 3, 2026, officials said.' })
 * // { date: null, from: '2026-03-03', to: null, how: 'text', evidence: 'text: after "March 3, 2026"' }
 */
export function inferPublished(input: PublishedEvidence): Published | null {
  const lower: Bound[] = [];
  const upper: Bound[] = [];
  const order = input.numericOrder ?? null;
  let latestYear = 0;

  const read = (text: string, caption: boolean) => {
    for (const t of findTimeml(text, null, { numericOrder: order })) {
      if (t.type !== 'DATE' && t.type !== 'TIME') continue;
      // 03/04/2026 with no locale: either reading could be the event; the earlier one bounds safely
      const first = t.rule === 'timeml/numeric-ambiguous' ? ambiguousEarliest(t.text) : firstDayOf(t.value);
      if (!first) continue;
      const before = text.slice(Math.max(0, t.start - 24), t.start);
      if (LIMIT_BEFORE.test(before)) continue;
      // a bare year bounds only after a cue ("in 2019", "since 2020"): "the 2030 target" is a plan
      if (YEAR_VALUE.test(t.value) && t.rule === 'timeml/year' && !t.mod && !YEAR_CUE_BEFORE.test(before)) continue;
      const tense = caption ? 'past' : tenseOf(t.rule, text, t.start, t.end);
      if (tense === 'past') {
        lower.push({ day: first, evidence: `${caption ? 'caption' : 'after'} "${t.text}"` });
        latestYear = Math.max(latestYear, Number(first.slice(0, 4)));
      } else if (tense === 'future' && DAY_VALUE.test(t.value)) {
        upper.push({ day: t.value, evidence: `before "${t.text}"` });
      }
    }
  };
  read(input.text, false);
  for (const caption of input.captions ?? []) read(caption, true);

  // A weekday with a day and month pins the year among the latest stated year and the next.
  if (latestYear > 0) {
    for (const m of input.text.matchAll(WEEKDAY_DATE_RE)) {
      const weekday = WEEKDAYS.indexOf((m[1] ?? '').toLowerCase()) + 1;
      const month = MONTHS.indexOf((m[2] ?? m[5] ?? '').slice(0, 3).toLowerCase()) + 1;
      const day = Number(m[3] ?? m[4]);
      const fits = [latestYear, latestYear + 1].filter(
        (year) => validDay(year, month, day) && isoWeekday({ year, month, day }) === weekday,
      );
      if (fits.length !== 1 || month < 1) continue;
      const pinned = isoDay({ year: fits[0] as number, month, day });
      if (tenseOf('weekday-date', input.text, m.index, m.index + m[0].length) === 'past') {
        lower.push({ day: pinned, evidence: `after "${m[0]}" (weekday pins ${fits[0]})` });
      }
    }
  }

  const from = lower.reduce<Bound | null>((a, b) => (!a || b.day > a.day ? b : a), null);
  const to = upper.reduce<Bound | null>((a, b) => (!a || b.day < a.day ? b : a), null);
  if (!from && !to) return null;
  if (from && to && from.day > to.day) return null; // the text contradicts itself (or a tense was misread)
  return {
    date: null,
    from: from?.day ?? null,
    to: to?.day ?? null,
    how: 'text',
    evidence: `text: ${[from?.evidence, to?.evidence].filter(Boolean).join('; ')}`,
  };
}

/** The earlier reading of an ambiguous numeric date ("03/04/2026" → 2026-03-04). */
function ambiguousEarliest(text: string): string | null {
  const m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{2,4})$/.exec(text);
  if (!m) return null;
  const raw = m[3] ?? '';
  const year = raw.length === 2 ? 2000 + Number(raw) : Number(raw);
  const readings = [
    [Number(m[2]), Number(m[1])],
    [Number(m[1]), Number(m[2])],
  ]
    .filter(([month, day]) => validDay(year, month ?? 0, day ?? 0))
    .map(([month, day]) => isoDay({ year, month: month ?? 0, day: day ?? 0 }))
    .sort();
  return readings[0] ?? null;
}

/** First day of a stated DATE value (`2026-03-03`, `2026-03`, `2026`); null for anything anchored or vague. */
function firstDayOf(value: string): string | null {
  const day = DAY_VALUE.exec(value);
  if (day) return value;
  const month = MONTH_VALUE.exec(value);
  if (month) return `${value}-01`;
  const year = YEAR_VALUE.exec(value);
  return year ? `${value}-01-01` : null;
}

/** Tense of the clause around `[start, end)`, read in its sentence (a window of text around it). */
function tenseOf(_rule: string, text: string, start: number, end: number) {
  const from = Math.max(0, lastBreak(text, start));
  const to = nextBreak(text, end);
  return tenseAt(text.slice(from, to), start - from, end - from);
}

function lastBreak(text: string, at: number): number {
  for (let i = at - 1; i >= 0 && at - i < 400; i--) {
    const c = text[i];
    if (c === '\n' || ((c === '.' || c === '!' || c === '?') && /\s/.test(text[i + 1] ?? ''))) return i + 1;
  }
  return Math.max(0, at - 400);
}

function nextBreak(text: string, at: number): number {
  for (let i = at; i < text.length && i - at < 400; i++) {
    const c = text[i];
    if (c === '\n' || ((c === '.' || c === '!' || c === '?') && /\s|$/.test(text[i + 1] ?? ''))) return i + 1;
  }
  return Math.min(text.length, at + 400);
}

/**
 * Whether an article may take the publication date of one of its copies (the same wire story):
 * when it has none, or only a range from its own text that the copy's date falls in (the copy's
 * exact date is then strictly better). A date from metadata or a date line is never replaced.
 * For the corpus's copy propagation (`inferFromCopies`).
 * @example
 * takesCopyDate({ date: null, from: '2026-03-03', to: null, how: 'text' }, '2026-03-12') // true
 */
export function takesCopyDate(published: Published, copyDate: string): boolean {
  if (published.date !== null) return false;
  if (published.how === 'unknown') return true;
  if (published.how !== 'text') return false;
  return (published.from === null || published.from <= copyDate) && (published.to === null || copyDate <= published.to);
}
