/**
 * From a chrono result to a `TimeItem` value: ISO day, month or year, or null. The granularity is
 * what the text states (chrono's certain components) or what a relative expression implies when
 * it is anchored on a known publication day. Nothing is ever resolved against today.
 */
import type { ParsedResult } from 'chrono-node';
import type { Tense } from './tense.js';

/** A calendar day, for the publication reference. */
export interface Day {
  year: number;
  month: number;
  day: number;
}

/** The value of one expression and the rule that gave it. */
export interface Resolution {
  value: string | null;
  rule: string;
  confidence?: number;
}

/** "last week", "this week", "next week": a span of days, not a day. */
const WEEK_RE = /\b(?:this|last|past|next|coming|previous)\s+week\b/i;
/** "two days later", "a week after", "three days before": counted from another event, not publication. */
const EVENT_ANCHORED_RE = /\b(?:later|after|before|earlier)$/i;
/**
 * Durations, not dates: "for five hours", "within 72 hours", "after 14 hours", "over two weeks",
 * "in 40 years" ("the highest level in 40 years"). Only "in …" can name a future day ("the vote
 * will take place in two weeks"), and only in a future clause.
 */
const DURATION_RE =
  /^(for|within|after|over|in)\s+(?:the\s+)?(?:(?:next|past|last|coming|first)\s+)?(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+few|a\s+couple\s+of|several|few|\d+)\s+(?:minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?)$/i;
/** "this month", "next year": chrono gives them no relative tag, yet they lean on the reference. */
const RELATIVE_PERIOD_RE = /\b(?:this|last|past|next|coming|previous|current)\s+(?:month|year|quarter)\b/i;
/** A weekday with its own modifier: chrono's direction is then the right one. */
const WEEKDAY_MODIFIER_RE = /\b(?:this|last|past|next|coming|previous)\b/i;
const SLASH_RE = /^(\d{1,2})[/.-](\d{1,2})[/.-]/;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const isoDay = (d: Day) => `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
const isoMonth = (year: number, month: number) => `${pad(year, 4)}-${pad(month)}`;

function toUtc(d: Day): Date {
  return new Date(Date.UTC(d.year, d.month - 1, d.day));
}
function fromUtc(date: Date): Day {
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}
function addDays(d: Day, days: number): Day {
  const date = toUtc(d);
  date.setUTCDate(date.getUTCDate() + days);
  return fromUtc(date);
}
function compareDays(a: Day, b: Day): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** Parse the start of an ISO date string ("2026-03-12", "2026-03-12T08:00:00Z") into a day. */
export function parseIsoDay(iso: string | null | undefined): Day | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  if (!m) return null;
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

function isRelative(tags: Set<string>): boolean {
  if (tags.has('result/relativeDate')) return true;
  for (const tag of tags) if (tag.startsWith('casualReference/')) return true;
  return false;
}

function chronoDay(r: ParsedResult): Day {
  return { year: r.start.get('year') ?? 0, month: r.start.get('month') ?? 1, day: r.start.get('day') ?? 1 };
}

/** Value from certain components only, for absolute expressions. */
function absoluteValue(r: ParsedResult, tags: Set<string>): Resolution {
  const s = r.start;
  if (!s.isCertain('year')) return { value: null, rule: 'times/unresolved-year' };
  const year = s.get('year') ?? 0;
  if (tags.has('parser/bare-year')) return { value: pad(year, 4), rule: 'times/bare-year' };
  if (tags.has('parser/SlashDateFormatParser')) {
    const m = SLASH_RE.exec(r.text);
    // 03/04/2023 is March 4 in the US and 3 April elsewhere: only the year is stated for sure.
    if (m && Number(m[1]) <= 12 && Number(m[2]) <= 12 && m[1] !== m[2]) {
      return { value: pad(year, 4), rule: 'times/ambiguous-slash-date' };
    }
  }
  if (!s.isCertain('month')) return { value: pad(year, 4), rule: 'times/year' };
  const month = s.get('month') ?? 1;
  if (!s.isCertain('day') || tags.has('refiner/ENEndOfPeriodRefiner')) {
    return { value: isoMonth(year, month), rule: 'times/month-year' };
  }
  return { value: isoDay({ year, month, day: s.get('day') ?? 1 }), rule: 'times/absolute-date' };
}

/** The Monday–Sunday week around `d`, as the longest ISO prefix both ends share (month or year). */
function weekValue(d: Day): string {
  const dow = (toUtc(d).getUTCDay() + 6) % 7; // Monday = 0
  const monday = addDays(d, -dow);
  const sunday = addDays(monday, 6);
  if (monday.year !== sunday.year) return pad(d.year, 4);
  if (monday.month !== sunday.month) return pad(d.year, 4);
  return isoMonth(d.year, d.month);
}

/**
 * Resolve one chrono result.
 * @param r - the chrono result, parsed against `reference` (or any fixed date when it is null)
 * @param reference - publication day, or null when unknown (relative expressions then stay null)
 * @param tenseOf - tense of the clause, for bare weekdays and implied years; called only when needed
 * @param referenceConfidence - below 1 when the reference is the end of a range, not a known day
 */
export function resolveResult(
  r: ParsedResult,
  reference: Day | null,
  tenseOf: () => Tense,
  referenceConfidence = 1,
): Resolution {
  if (EVENT_ANCHORED_RE.test(r.text)) return { value: null, rule: 'times/relative-to-event' };
  const duration = DURATION_RE.exec(r.text);
  if (duration && (duration[1]?.toLowerCase() !== 'in' || tenseOf() !== 'future')) {
    return { value: null, rule: 'times/duration' };
  }
  const tags = r.tags();
  const s = r.start;
  const weekdayOnly = s.isCertain('weekday') && !s.isCertain('day');
  const isWeek = WEEK_RE.test(r.text) && (!s.isCertain('day') || tags.has('result/relativeDate'));
  const endOfCurrentMonth = tags.has('parser/ENEndOfCurrentMonthParser');
  const isPeriod = RELATIVE_PERIOD_RE.test(r.text) || endOfCurrentMonth;
  const relative = isRelative(tags) || weekdayOnly || isWeek || isPeriod;

  if (!reference) {
    if (relative) return { value: null, rule: 'times/unresolved-relative' };
    return absoluteValue(r, tags);
  }
  const anchored = (res: Resolution, confidence = 1): Resolution => {
    const c = Math.min(confidence, referenceConfidence);
    return c < 1 ? { ...res, confidence: c } : res;
  };

  if (isWeek) {
    // chrono puts "last week" at reference − 7 days; the week, not that day, is what is stated
    const anchor = /\bthis\s+week\b/i.test(r.text) ? reference : chronoDay(r);
    return anchored({ value: weekValue(anchor), rule: 'times/relative-week' });
  }
  if (weekdayOnly) {
    if (WEEKDAY_MODIFIER_RE.test(r.text)) {
      return anchored({ value: isoDay(chronoDay(r)), rule: 'times/relative-weekday' });
    }
    const weekday = s.get('weekday') ?? 0;
    const refDow = toUtc(reference).getUTCDay();
    const ahead = (weekday - refDow + 7) % 7;
    // past: the last such day on or before publication; future: the next one after it;
    // future-in-past ("said it would begin on Wednesday"): the first one on or after it
    const tense = tenseOf();
    const day =
      tense === 'future'
        ? addDays(reference, ahead || 7)
        : tense === 'future-in-past'
          ? addDays(reference, ahead)
          : addDays(reference, -((refDow - weekday + 7) % 7));
    return anchored({ value: isoDay(day), rule: 'times/relative-weekday' }, 0.8);
  }
  if (isPeriod) {
    // "this month", "next year", "the end of the month": the period, not a day in it
    const d = endOfCurrentMonth ? reference : chronoDay(r);
    const value = s.isCertain('month') || endOfCurrentMonth ? isoMonth(d.year, d.month) : pad(d.year, 4);
    return anchored({ value, rule: 'times/relative-period' });
  }
  if (isRelative(tags)) {
    const d = chronoDay(r);
    const casual = [...tags].some((t) => t.startsWith('casualReference/'));
    const rule = casual ? 'times/relative-casual' : 'times/relative-ago';
    // chrono puts "midnight" at the start of the next day; in a past clause it is the one just gone
    if (tags.has('casualReference/midnight')) {
      return anchored({ value: isoDay(tenseOf() === 'past' ? reference : d), rule });
    }
    if (s.isCertain('day') || casual) return anchored({ value: isoDay(d), rule });
    if (s.isCertain('month')) return anchored({ value: isoMonth(d.year, d.month), rule: 'times/relative-period' });
    return anchored({ value: pad(d.year, 4), rule: 'times/relative-period' });
  }
  if (!s.isCertain('year') && s.isCertain('month')) {
    // "on March 9", "since January": the year is implied. chrono takes the closest one; the tense
    // says which side of publication it must be on. A reported plan ("said the drills would end
    // on March 20") keeps the closest one: the statement itself may be a few days old.
    const d = chronoDay(r);
    const hasDay = s.isCertain('day') && !tags.has('refiner/ENEndOfPeriodRefiner');
    const cmp = hasDay ? compareDays(d, reference) : d.year - reference.year || d.month - reference.month;
    const tense = cmp === 0 ? 'past' : tenseOf();
    if (tense === 'past' && cmp > 0) d.year -= 1;
    if (tense === 'future' && cmp < 0) d.year += 1;
    const value = hasDay ? isoDay(d) : isoMonth(d.year, d.month);
    return anchored({ value, rule: 'times/implied-year' }, 0.9);
  }
  return absoluteValue(r, tags);
}
