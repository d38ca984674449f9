/**
 * A TIMEX3 tagger: time expressions of English news with their TimeML type (DATE, TIME, DURATION,
 * SET) and value (`2023-10-14`, `2013-W12`, `P3D`, `PRESENT_REF`, `2024-SP`, `XXXX-WXX-1`…),
 * anchored on the publication day.
 *
 * Why hand-written and not chrono-node alone: chrono parses dates and relative dates but has no
 * durations, sets, weeks, seasons, quarters or PRESENT_REF, and its spans include prepositions;
 * TimeML spans leave out "on"/"in" but keep modifiers ("about three years", "late last July").
 * The rules follow the TIMEX3 guidelines (TimeML 1.2.1), not any evaluation document.
 *
 * How: each rule is one regular expression over the whole text plus a function that turns a match
 * into candidates; overlapping candidates keep the longest (then the earlier rule). Regexes run
 * once per text, so the cost is linear in the text.
 *
 * Anchor: the publication day. Without one, anchored values keep the unknown part as X
 * (`XXXX-03-09` for "March 9", `XXXX-WXX-5` for "Friday", `XXXX-XX-XX` for "yesterday"): never
 * resolved against today. The tense of the clause (`tense.ts`) decides whether a bare weekday,
 * month or season points back (past, the default in news) or forward.
 *
 * Bad input: impossible days (February 30) and years outside 1000–2999 give no expression; an
 * ambiguous numeric date (03/04/2024) is read by `numericOrder` when known, else only its year is
 * stated (`2024`).
 */
import type { Sentence, Timex } from '../../core/doc.js';
import { ONES, TENS } from '../../core/number-words.js';
import { splitSentences } from '../../core/text.js';
import { addDays, addMonths, compareDays, isoDay, isoMonth, isoWeek, isoWeekday, pad, validDay } from './calendar.js';
import type { Day } from './resolve.js';
import { type Tense, tenseAt } from './tense.js';

export type TimexType = Timex['type'];
type Timeml = Timex;

/** One time expression found by {@link findTimeml}: a span of the text with its TIMEX3. */
export interface TimexSpan extends Timeml {
  start: number;
  end: number;
  text: string;
  /** Which rule found it (`timeml/<name>`). */
  rule: string;
}

/** Reading of ambiguous numeric dates: day-first, month-first, or unknown. */
export type NumericOrder = 'dmy' | 'mdy' | null;

export interface TimemlOptions {
  /** Sentence spans of the text (split here when omitted): the tense is read per sentence. */
  sentences?: readonly Sentence[];
  /** How to read 03/04/2024 (the article's locale); null leaves it to the year. */
  numericOrder?: NumericOrder;
}

// ---- vocabulary -------------------------------------------------------------------------------

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const monthNumber = (name: string) => MONTHS[name.slice(0, 3).toLowerCase()] ?? 0;
/** Capitalised month names; abbreviations take an optional dot. "May" alone is handled by its cue. */
const MONTH =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?)';
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const WEEKDAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const weekdayNumber = (name: string) => WEEKDAYS.indexOf(name.toLowerCase().replace(/s$/, '')) + 1;

const NUMBER_WORDS: Record<string, number> = { ...ONES, ...TENS, a: 1, an: 1, hundred: 100, half: 0.5, single: 1 };
/** A count of units: digits, number words ("twenty-five"), or vague ("a few", "several"). */
const COUNT =
  '(?:\\d+(?:\\.\\d+)?|(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-)?(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|single)|a\\s+few|a\\s+couple\\s+of|a\\s+couple|few|several|many|some|a\\s+dozen|dozens\\s+of|hundreds\\s+of)';
/** A counted number, digits aside: no article, no vague count. */
const NUMBER_WORD =
  '(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-)?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)';
const UNIT = '(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade|century|centuries)';

/** Number of a count, or null when vague ("several", "a few"). */
function countValue(count: string): number | null {
  const c = count.toLowerCase().replace(/\s+/g, ' ');
  if (/^\d/.test(c)) return Number(c);
  if (c === 'a dozen') return 12;
  if (c === 'a couple' || c === 'a couple of') return 2;
  const half = / and a half$/.exec(c);
  if (half) {
    const whole = countValue(c.slice(0, half.index));
    return whole === null ? null : whole + 0.5;
  }
  const parts = c.split('-');
  if (parts.length === 2) return (NUMBER_WORDS[parts[0] ?? ''] ?? 0) + (NUMBER_WORDS[parts[1] ?? ''] ?? 0) || null;
  return NUMBER_WORDS[c] ?? null;
}

const UNIT_CODE: Record<string, string> = {
  second: 'TS',
  minute: 'TM',
  hour: 'TH',
  day: 'D',
  week: 'W',
  fortnight: 'W',
  month: 'M',
  quarter: 'Q',
  year: 'Y',
  decade: 'DE',
  century: 'CE',
  centurie: 'CE',
};
function unitOf(word: string): string {
  return word.toLowerCase().replace(/s$/, '');
}

/** `P3D`, `PT5H`, `PXY`, `P2W` for a fortnight. */
function durationValue(count: number | null, unitWord: string): string {
  const unit = unitOf(unitWord);
  const code = UNIT_CODE[unit] ?? 'D';
  let n: string;
  if (count === null) n = 'X';
  else if (unit === 'fortnight') n = String(count * 2);
  // a counted decade in plain ISO 8601 years ("a decade" → P10Y); TimeML's DE unit stays for "decades" (PXDE)
  else if (code === 'DE' && Number.isInteger(count)) return `P${count * 10}Y`;
  else if (!Number.isInteger(count) && (code === 'Y' || code === 'D')) {
    // "two and a half years" → P30M, "half a day" → PT12H: TIMEX3 values are whole units
    return code === 'Y' ? `P${Math.round(count * 12)}M` : `PT${Math.round(count * 24)}H`;
  } else if (count === 0.5) {
    // half a day/year: one smaller unit's worth when it is whole
    if (code === 'Y') return 'P6M';
    if (code === 'D') return 'PT12H';
    if (code === 'TH') return 'PT30M';
    n = '0.5';
  } else n = String(count);
  return code.startsWith('T') ? `PT${n}${code.slice(1)}` : `P${n}${code}`;
}

const MOD_WORDS: Record<string, string> = {
  'more than': 'MORE_THAN',
  over: 'MORE_THAN',
  'at least': 'EQUAL_OR_MORE',
  'less than': 'LESS_THAN',
  'fewer than': 'LESS_THAN',
  under: 'LESS_THAN',
  'up to': 'EQUAL_OR_LESS',
  'no more than': 'EQUAL_OR_LESS',
  nearly: 'APPROX',
  almost: 'APPROX',
  about: 'APPROX',
  around: 'APPROX',
  roughly: 'APPROX',
  some: 'APPROX',
  approximately: 'APPROX',
};
const MOD =
  '(?:(?:more|less|fewer)\\s+than|at\\s+least|up\\s+to|no\\s+more\\s+than|nearly|almost|about|around|roughly|approximately)';
const POINT_MOD: Record<string, string> = {
  early: 'START',
  late: 'END',
  mid: 'MID',
  middle: 'MID',
  end: 'END',
  beginning: 'START',
  start: 'START',
};

const SEASONS: Record<string, string> = { spring: 'SP', summer: 'SU', autumn: 'FA', fall: 'FA', winter: 'WI' };
/** Month where each season starts, to decide which season is the latest before a day. */
const SEASON_START: Record<string, number> = { SP: 3, SU: 6, FA: 9, WI: 12 };
const PART_OF_DAY: Record<string, string> = {
  morning: 'MO',
  afternoon: 'AF',
  evening: 'EV',
  night: 'NI',
  overnight: 'NI',
};
const ORDINAL: Record<string, number> = {
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
};

// ---- context ------------------------------------------------------------------------------------

interface Context {
  text: string;
  anchor: Day | null;
  order: NumericOrder;
  /** Tense of the clause around `[start, end)`. */
  tense(start: number, end: number): Tense;
}

interface Candidate extends Timeml {
  start: number;
  end: number;
  rule: string;
}

interface Rule {
  name: string;
  re: RegExp;
  /** Candidates of one match; `m.index` is the match start in the text. */
  make(m: RegExpExecArray, ctx: Context): Candidate | Candidate[] | null;
}

const cand = (start: number, end: number, type: TimexType, value: string, rule: string, mod?: string): Candidate =>
  mod ? { start, end, type, value, rule, mod } : { start, end, type, value, rule };

/**
 * Start offset of capture group `g`, for groups that end their match (the `d` flag would give
 * exact indices but slows every match down).
 */
function groupStart(m: RegExpExecArray, g: number): number {
  return m.index + m[0].lastIndexOf(m[g] ?? '');
}

/** The day of month `month`/`day` nearest the anchor in the tense's direction (same year unless far off). */
function yearForMonthDay(anchor: Day, month: number, day: number, tense: Tense): number {
  const same = { year: anchor.year, month, day };
  const dist = Math.abs(anchor.month * 31 + anchor.day - (month * 31 + day));
  if (dist <= 31 * 6) {
    // within half a year: the same year, unless the tense says it cannot be
    if (tense === 'past' && compareDays(same, addDays(anchor, 7)) > 0) return anchor.year - 1;
    if (tense === 'future' && compareDays(same, addDays(anchor, -7)) < 0) return anchor.year + 1;
    return anchor.year;
  }
  if (tense === 'past') return compareDays(same, anchor) > 0 ? anchor.year - 1 : anchor.year;
  return compareDays(same, anchor) < 0 ? anchor.year + 1 : anchor.year;
}

/** Year of a bare month name: the latest one on or before the anchor's month in the past, else the next. */
function yearForMonth(anchor: Day, month: number, tense: Tense, modifier: string | undefined): number {
  const m = modifier?.toLowerCase();
  if (m === 'last' || m === 'past' || m === 'previous') return month < anchor.month ? anchor.year : anchor.year - 1;
  if (m === 'next' || m === 'coming') return month > anchor.month ? anchor.year : anchor.year + 1;
  if (m === 'this') return anchor.year;
  if (tense === 'past') return month <= anchor.month ? anchor.year : anchor.year - 1;
  if (tense === 'future') return month >= anchor.month ? anchor.year : anchor.year + 1;
  return anchor.year;
}

/** The weekday `weekday` (1–7) nearest the anchor in the tense's direction (the anchor day itself counts). */
function dayForWeekday(anchor: Day, weekday: number, tense: Tense, modifier: string | undefined): Day {
  const m = modifier?.toLowerCase();
  const current = isoWeekday(anchor);
  if (m === 'next' || m === 'coming')
    return addDays(anchor, ((weekday - current + 7) % 7) + (weekday > current ? 0 : 7));
  if (m === 'last' || m === 'past' || m === 'previous') return addDays(anchor, -((current - weekday + 7) % 7 || 7));
  if (m === 'this') return addDays(anchor, weekday - current);
  if (tense === 'past') return addDays(anchor, -((current - weekday + 7) % 7));
  return addDays(anchor, (weekday - current + 7) % 7);
}

function seasonValue(anchor: Day, code: string, tense: Tense, modifier: string | undefined): string {
  const m = modifier?.toLowerCase();
  const start = SEASON_START[code] ?? 3;
  // The winter starting in December belongs to that year (2012-WI = Dec 2012 – Feb 2013).
  const seasonYearNow = code === 'WI' && anchor.month <= 2 ? anchor.year - 1 : anchor.year;
  const started = code === 'WI' ? anchor.month <= 2 || anchor.month >= 12 : anchor.month >= start;
  let year: number;
  // "last summer" in March and in August is the previous year's; "next spring" in April is next year's
  if (m === 'last' || m === 'past' || m === 'previous') year = seasonYearNow - 1;
  else if (m === 'next' || m === 'coming') year = started ? seasonYearNow + 1 : seasonYearNow;
  else if (m === 'this') year = seasonYearNow;
  else if (tense === 'past') year = started ? seasonYearNow : seasonYearNow - 1;
  else year = seasonYearNow;
  return `${pad(year, 4)}-${code}`;
}

function clampYear(y: number): boolean {
  return y >= 1000 && y <= 2999;
}

/** A plain day value, or `XXXX-XX-XX` when there is no anchor. */
function shiftDays(ctx: Context, days: number): string {
  return ctx.anchor ? isoDay(addDays(ctx.anchor, days)) : 'XXXX-XX-XX';
}

// ---- rules ------------------------------------------------------------------------------------

/** A verb in the present right before a weekday: a schedule ("is due on Friday", "begins Monday"). */
/**
 * A postponement ("postponed until 15:00 GMT Saturday", "delayed to Monday"): the new time is after
 * the decision, so forward, whatever the tense of the verb.
 */
const POSTPONED_BEFORE =
  /\b(?:postponed|delayed|adjourned|deferred|put\s+off|pushed\s+back|rescheduled|moved|extended)\s+(?:until|till|to)\s+(?:(?:\d{1,2}(?:[:.]\d{2})?\s*(?:a\.m\.|p\.m\.|am|pm|h)?|noon|midnight)(?:\s+[A-Z]{2,4})?,?\s+)?(?:on\s+|next\s+)?$/i;
const SCHEDULE_BEFORE =
  /\b(?:is|are|(?:is|are)\s+due|begins?|starts?|opens?|meets?|ends?|closes?|resumes?|expires?|takes?\s+place)\s+(?:on\s+|next\s+|this\s+)?$/i;

const NOT_COUNT_AFTER =
  /^(?:\s*(?:%|per\s?cent|percent|people|persons|million|billion|thousand|tons?|tonnes?|km|kg|miles?|[a-z]+s\b(?<!\b(?:was|has|is|as|its|his|this|thus|plus|unless|whereas|less|always|perhaps)|(?:sis|ss|us|ics)))|[\d,.]\d)/;
const NOT_YEAR_BEFORE = /(?:[$€£¥#]|\d[.,]?|\bNo\.?\s*|\bno\.\s*|[A-Za-z]-?)$/;

const RULES: Rule[] = [
  {
    // 2023-10-14, 2023-10-14T08:30
    name: 'iso',
    re: /\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?\b/g,
    make(m) {
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      if (!validDay(y, mo, d)) return null;
      const day = isoDay({ year: y, month: mo, day: d });
      const end = m.index + m[0].length;
      return m[4]
        ? cand(m.index, end, 'TIME', `${day}T${m[4]}:${m[5]}`, 'timeml/iso')
        : cand(m.index, end, 'DATE', day, 'timeml/iso');
    },
  },
  {
    // "Friday, Oct. 14, 2023", "October 14th", "Oct 14 2023"
    name: 'month-day',
    re: new RegExp(
      `\\b(?:(${WEEKDAY}),?\\s+)?(${MONTH})\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?!\\s*(?:%|[,.]\\d|:\\d))(?:,?\\s+(\\d{4})\\b)?`,
      'g',
    ),
    make(m, ctx) {
      return monthDay(m, ctx, m[2] ?? '', m[3] ?? '', m[4], m[1], 'timeml/month-day');
    },
  },
  {
    // "Friday, 14 October 2023", "14th of October", "14 Oct."
    name: 'day-month',
    re: new RegExp(
      `\\b(?:(${WEEKDAY}),?\\s+)?(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH})(?![a-z])(?:,?\\s+(\\d{4})\\b)?`,
      'g',
    ),
    make(m, ctx) {
      return monthDay(m, ctx, m[3] ?? '', m[2] ?? '', m[4], m[1], 'timeml/day-month');
    },
  },
  {
    // "May 2019", "March of 2012", "early May 2019"
    name: 'month-year',
    re: new RegExp(`\\b(?:([Ee]arly|[Ll]ate|[Mm]id)[\\s-]+)?(${MONTH})(?:,|\\s+of)?\\s+(\\d{4})\\b`, 'g'),
    make(m) {
      const year = Number(m[3]);
      const month = monthNumber(m[2] ?? '');
      if (!clampYear(year) || !month) return null;
      const mod = m[1] ? POINT_MOD[m[1].toLowerCase()] : undefined;
      return cand(m.index, m.index + m[0].length, 'DATE', isoMonth(year, month), 'timeml/month-year', mod);
    },
  },
  {
    // 14/10/2023, 10/14/23, 03.04.2024
    name: 'numeric',
    re: /(?<![\d/.])(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})(?![\d/]|\.\d)/g,
    make(m, ctx) {
      const a = Number(m[1]);
      const b = Number(m[3]);
      const yRaw = m[4] ?? '';
      const year = yRaw.length === 2 ? 2000 + Number(yRaw) : Number(yRaw);
      if (yRaw.length === 2 && m[2] === '.') return null; // "1.5.10" is a version or a score
      const dayFirst = validDay(year, b, a);
      const monthFirst = validDay(year, a, b);
      const end = m.index + m[0].length;
      let day: Day | null = null;
      if (dayFirst && monthFirst && a !== b) {
        const order = m[2] === '.' ? 'dmy' : ctx.order;
        if (!order) return cand(m.index, end, 'DATE', pad(year, 4), 'timeml/numeric-ambiguous');
        day = order === 'dmy' ? { year, month: b, day: a } : { year, month: a, day: b };
      } else if (dayFirst) day = { year, month: b, day: a };
      else if (monthFirst) day = { year, month: a, day: b };
      return day ? cand(m.index, end, 'DATE', isoDay(day), 'timeml/numeric') : null;
    },
  },
  {
    // "1939-1945", "1939–45": each year is its own date
    name: 'year-range',
    re: /(?<![\d$€£.,-])((?:1[5-9]|20)\d\d)\s*[-–]\s*((?:1[5-9]|20)\d\d|\d\d)(?![\d%,.]\d|\d)/g,
    make(m) {
      const first = Number(m[1]);
      const raw = m[2] ?? '';
      const second = raw.length === 2 ? Math.floor(first / 100) * 100 + Number(raw) : Number(raw);
      if (second <= first || second - first > 200) return null;
      const s2 = groupStart(m, 2);
      return [
        cand(m.index, m.index + (m[1]?.length ?? 4), 'DATE', String(first), 'timeml/year-range'),
        cand(s2, s2 + raw.length, 'DATE', String(second), 'timeml/year-range'),
      ];
    },
  },
  {
    // "the 1990s", "the early 2000s", "the '90s"
    name: 'decade',
    re: /\b(?:([Ee]arly|[Ll]ate|[Mm]id)[\s-]+)?((?:1[5-9]|20)\d)0s\b/g,
    make(m) {
      const mod = m[1] ? POINT_MOD[m[1].toLowerCase()] : undefined;
      return cand(m.index, m.index + m[0].length, 'DATE', m[2] ?? '', 'timeml/decade', mod);
    },
  },
  {
    // "the 20th century", "the 21st century"
    name: 'century',
    // TimeML spans leave out the article: "much of the [20th century]"
    re: /\b(?:(early|late|mid)[\s-]+)?(1\d|2[01])(?:st|nd|rd|th)[\s-]+[Cc]entury\b/g,
    make(m) {
      const mod = m[1] ? POINT_MOD[m[1].toLowerCase()] : undefined;
      return cand(m.index, m.index + m[0].length, 'DATE', pad(Number(m[2]) - 1), 'timeml/century', mod);
    },
  },
  {
    // a year on its own: "in 2019", "the 2012 election", "late 2024", "since 2020"
    name: 'year',
    re: /\b(?:(early|late|mid|(?:the\s+)?(?:end|beginning|start|middle)\s+of)[\s-]+)?((?:1[89]|20)\d\d)\b/g,
    make(m, ctx) {
      const start = groupStart(m, 2);
      const end = start + 4;
      const before = ctx.text.slice(Math.max(0, start - 12), start);
      if (NOT_YEAR_BEFORE.test(before) && !m[1]) return null;
      if (/[\d,.:/]$/.test(before)) return null;
      // a day that failed as a date ("February 30, 2026") or a list of numbers ("2019 2020 2021")
      if (
        /(?:\b[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?|\d+)\s+$/.test(
          ctx.text.slice(Math.max(0, start - 20), start),
        )
      ) {
        return null;
      }
      if (/^\s+\d/.test(ctx.text.slice(end, end + 3))) return null;
      if (NOT_COUNT_AFTER.test(ctx.text.slice(end, end + 24))) return null;
      if (/^\s*(?:-|–)\s*\d/.test(ctx.text.slice(end, end + 4))) return null; // a range or a score
      const mod = m[1]
        ? POINT_MOD[(/(early|late|mid|end|beginning|start|middle)/i.exec(m[1])?.[1] ?? '').toLowerCase()]
        : undefined;
      return cand(m.index, end, 'DATE', m[2] ?? '', 'timeml/year', mod);
    },
  },
  {
    // "the first quarter", "the third quarter of 2012", "the first half of 2013", "Q3"
    name: 'quarter',
    re: /\b(?:the\s+)?(first|second|third|fourth|1st|2nd|3rd|4th|final|last|latest|current|next|previous|past|coming)[\s-]+(quarter|half)(?:\s+(?:of\s+)?((?:19|20)\d\d)\b)?|\b(Q[1-4])\s+((?:19|20)\d\d)\b/g,
    make(m, ctx) {
      const end = m.index + m[0].length;
      if (m[4]) return cand(m.index, end, 'DATE', `${m[5]}-${m[4]}`, 'timeml/quarter');
      const word = (m[1] ?? '').toLowerCase();
      const half = (m[2] ?? '').toLowerCase() === 'half';
      const stated = m[3] ? Number(m[3]) : null;
      const n = ORDINAL[word];
      // "the past quarter": a span of one quarter; "the last half" is not a date
      if (word === 'past') return half ? null : cand(m.index, end, 'DURATION', 'P1Q', 'timeml/quarter');
      const current = ctx.anchor ? Math.floor((ctx.anchor.month - 1) / (half ? 6 : 3)) + 1 : null;
      const per = half ? 2 : 4;
      const letter = half ? 'H' : 'Q';
      let year = stated ?? ctx.anchor?.year ?? null;
      let index: number | null = n ?? null;
      if (n === undefined) {
        if (word === 'final') index = per;
        else if (current === null || year === null)
          return cand(m.index, end, 'DATE', `XXXX-${letter}X`, 'timeml/quarter');
        else if (word === 'current') index = current;
        else if (word === 'next' || word === 'coming') index = current + 1;
        else index = current - 1; // last, latest, previous
        if (index !== null && index > per) {
          index = 1;
          year = (year ?? 0) + 1;
        } else if (index !== null && index < 1) {
          index = per;
          year = (year ?? 0) - 1;
        }
      } else if (half && n > 2) return null;
      else if (
        stated === null &&
        current !== null &&
        year !== null &&
        n > current &&
        ctx.tense(m.index, end) === 'past'
      ) {
        year -= 1; // "reported fourth-quarter earnings" in March: last year's fourth quarter
      }
      if (year === null) return cand(m.index, end, 'DATE', `XXXX-${letter}${index}`, 'timeml/quarter');
      return cand(m.index, end, 'DATE', `${pad(year, 4)}-${letter}${index}`, 'timeml/quarter');
    },
  },
  {
    // "next spring", "last summer", "the winter of 2019", "in the autumn"
    name: 'season',
    re: /\b(?:([Ee]arly|[Ll]ate|[Mm]id)[\s-]+)?(?:(this|last|next|coming|past|previous)\s+)?(spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?((?:19|20)\d\d)\b)?/gi,
    make(m, ctx) {
      const word = (m[3] ?? '').toLowerCase();
      if (m[3] !== word && m[3] !== word[0]?.toUpperCase() + word.slice(1)) return null;
      const modifier = m[2];
      const before = ctx.text.slice(Math.max(0, m.index - 12), m.index);
      const after = ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 12);
      const cued = modifier || m[4] || m[1] || /\b(?:the|in|this|by|until|since|during)\s+$/i.test(before);
      if (!cued) return null;
      // "fall" and "spring" are verbs and nouns too: only with a modifier, a year or "the"
      if ((word === 'fall' || word === 'spring') && !(modifier || m[4] || /\bthe\s+$/i.test(before))) return null;
      if (/^\s*(?:of\s+(?:the|his|her|its|their|a)\b|'s\b|-?time\b|\s*[a-z]+ing\b)/i.test(after) && !m[4]) {
        if (!/^\s*of\s+the\b/i.test(after) || modifier) return null;
      }
      const code = SEASONS[word] ?? 'SP';
      const mod = m[1] ? POINT_MOD[m[1].toLowerCase()] : undefined;
      const end = m.index + m[0].length;
      let value: string;
      if (m[4]) value = `${m[4]}-${code}`;
      else if (!ctx.anchor) value = `XXXX-${code}`;
      else value = seasonValue(ctx.anchor, code, ctx.tense(m.index, end), modifier);
      return cand(m.index, end, 'DATE', value, 'timeml/season', mod);
    },
  },
  {
    // "late last July", "in March", "next January", "early May"
    name: 'month',
    re: /\b(?:([Ee]arly|[Ll]ate|[Mm]id)[\s-]+)?(?:(last|next|this|coming|past|previous)\s+)?(January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Aug|Sept?|Oct|Nov|Dec)\.)(?![a-z])/g,
    make(m, ctx) {
      const name = m[3] ?? '';
      const before = ctx.text.slice(Math.max(0, m.index - 16), m.index);
      const cued =
        m[1] ||
        m[2] ||
        /\b(?:in|since|by|until|till|from|during|before|after|of|through|throughout|between|and|to|or|early|late|mid|end|last|next|this)[\s-]+$/i.test(
          before,
        );
      if (!cued) return null;
      if (
        name === 'May' &&
        !m[1] &&
        !m[2] &&
        !/\b(?:in|since|by|until|from|during|early|late|mid|of|before|after)\s+$/i.test(before)
      )
        return null;
      const month = monthNumber(name);
      const end = m.index + m[0].length;
      const mod = m[1] ? POINT_MOD[m[1].toLowerCase()] : undefined;
      if (!ctx.anchor) {
        return cand(m.index, end, 'DATE', m[2] ? 'XXXX-XX' : `XXXX-${pad(month)}`, 'timeml/month', mod);
      }
      const year = yearForMonth(ctx.anchor, month, ctx.tense(m.index, end), m[2]);
      return cand(m.index, end, 'DATE', isoMonth(year, month), 'timeml/month', mod);
    },
  },
  {
    // "Friday", "last Friday", "Friday morning", "Mondays" (a set)
    name: 'weekday',
    re: new RegExp(
      `\\b(?:(last|next|this|coming|past|previous)\\s+)?(${WEEKDAY})(s)?(?:\\s+(morning|afternoon|evening|night|overnight))?\\b`,
      'g',
    ),
    make(m, ctx) {
      const weekday = weekdayNumber(m[2] ?? '');
      const end = m.index + m[0].length;
      const before = ctx.text.slice(Math.max(0, m.index - 10), m.index);
      if (m[3] || /\b(?:every|each)\s+$/i.test(before)) {
        const s = /\b(?:every|each)\s+$/i.exec(before);
        const start = s ? m.index - s[0].length : m.index;
        return cand(start, end, 'SET', `XXXX-WXX-${weekday}`, 'timeml/weekday-set');
      }
      if (/\b(?:a|an|one)\s+$/i.test(before)) return null; // "a Saturday market"
      const part = m[4] ? PART_OF_DAY[m[4].toLowerCase()] : undefined;
      if (!ctx.anchor) {
        return cand(
          m.index,
          end,
          part ? 'TIME' : 'DATE',
          `XXXX-WXX-${weekday}${part ? `T${part}` : ''}`,
          'timeml/weekday',
        );
      }
      // a schedule in the present ("the vote is on Friday", "talks resume Monday") points forward
      const scheduled =
        SCHEDULE_BEFORE.test(ctx.text.slice(Math.max(0, m.index - 24), m.index)) ||
        POSTPONED_BEFORE.test(ctx.text.slice(Math.max(0, m.index - 48), m.index));
      const day = dayForWeekday(ctx.anchor, weekday, scheduled ? 'future' : ctx.tense(m.index, end), m[1]);
      return cand(m.index, end, part ? 'TIME' : 'DATE', `${isoDay(day)}${part ? `T${part}` : ''}`, 'timeml/weekday');
    },
  },
  {
    // today, yesterday, tomorrow, tonight, this morning, last night, yesterday afternoon
    name: 'day-word',
    re: /\b(?:(today|yesterday|tomorrow|tonight|overnight)|(the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)|(this|last|yesterday|tomorrow)\s+(morning|afternoon|evening|night))\b/gi,
    make(m, ctx) {
      const end = m.index + m[0].length;
      const word = (m[1] ?? '').toLowerCase();
      if (m[1] && m[1] !== word && !/^[A-Z][a-z]+$/.test(m[1])) return null;
      if (
        m[1] &&
        m[1][0] === m[1][0]?.toUpperCase() &&
        !/(?:^|[.!?:;"“‘'(\n—–-]\s*)$/.test(ctx.text.slice(Math.max(0, m.index - 3), m.index)) &&
        m.index > 0
      ) {
        return null; // "Valdoria Today": a name
      }
      if (word === 'today') return cand(m.index, end, 'DATE', shiftDays(ctx, 0), 'timeml/day-word');
      if (word === 'yesterday') return cand(m.index, end, 'DATE', shiftDays(ctx, -1), 'timeml/day-word');
      if (word === 'tomorrow') return cand(m.index, end, 'DATE', shiftDays(ctx, 1), 'timeml/day-word');
      if (word === 'tonight' || word === 'overnight')
        return cand(m.index, end, 'TIME', `${shiftDays(ctx, 0)}TNI`, 'timeml/day-word');
      if (m[2]) return cand(m.index, end, 'DATE', shiftDays(ctx, /before/i.test(m[2]) ? -2 : 2), 'timeml/day-word');
      const which = (m[3] ?? '').toLowerCase();
      const part = PART_OF_DAY[(m[4] ?? '').toLowerCase()] ?? 'MO';
      const shift = which === 'yesterday' || (which === 'last' && part === 'NI') ? -1 : which === 'tomorrow' ? 1 : 0;
      if (which === 'last' && part !== 'NI')
        return cand(m.index, end, 'TIME', `${shiftDays(ctx, -1)}T${part}`, 'timeml/day-word');
      return cand(m.index, end, 'TIME', `${shiftDays(ctx, shift)}T${part}`, 'timeml/day-word');
    },
  },
  {
    // "this week", "last month", "next year", "earlier this year", "this weekend"
    name: 'relative-period',
    // "this fiscal year" is valued as its calendar year, as TempEval annotators do (fiscal years
    // differ by organisation, so a plain year is the most a reader can state)
    re: /\b(?:(earlier|later|early|late|mid)[\s-]+)?(this(?:\s+past)?|last|next|coming|previous|current)\s+(?:(?:fiscal|financial)\s+(?=year))?(week|weekend|month|year|decade|century)\b/gi,
    make(m, ctx) {
      const end = m.index + m[0].length;
      const which = (m[2] ?? '').toLowerCase().replace(/^this\s+past$/, 'last');
      const edge = m[1] ? POINT_MOD[m[1].toLowerCase()] : undefined;
      const unit = (m[3] ?? '').toLowerCase();
      const before = ctx.text.slice(Math.max(0, m.index - 5), m.index);
      // "the last year", "the previous week": a span, handled by the duration rule
      if (
        /\bthe\s+$/i.test(before) &&
        (which === 'last' || which === 'previous' || which === 'coming' || which === 'next')
      )
        return null;
      const shift = which === 'last' || which === 'previous' ? -1 : which === 'next' || which === 'coming' ? 1 : 0;
      const a = ctx.anchor;
      if (!a) {
        const unknown: Record<string, string> = {
          week: 'XXXX-WXX',
          weekend: 'XXXX-WXX-WE',
          month: 'XXXX-XX',
          year: 'XXXX',
          decade: 'XXX',
          century: 'XX',
        };
        return cand(m.index, end, 'DATE', unknown[unit] ?? 'XXXX', 'timeml/relative-period');
      }
      let value: string;
      if (unit === 'week') value = isoWeek(addDays(a, shift * 7));
      else if (unit === 'weekend') value = `${isoWeek(addDays(a, shift * 7))}-WE`;
      else if (unit === 'month') {
        const mo = addMonths(a, shift);
        value = isoMonth(mo.year, mo.month);
      } else if (unit === 'year') value = pad(a.year + shift, 4);
      else if (unit === 'decade') value = String(Math.floor(a.year / 10) + shift);
      else value = pad(Math.floor(a.year / 100) + shift);
      return cand(m.index, end, 'DATE', value, 'timeml/relative-period', edge);
    },
  },
  {
    // "the weekend", "over the weekend": the one before publication in the past, else the next
    name: 'weekend',
    re: /\bthe\s+weekend\b/gi,
    make(m, ctx) {
      const end = m.index + m[0].length;
      if (!ctx.anchor) return cand(m.index, end, 'DATE', 'XXXX-WXX-WE', 'timeml/weekend');
      const weekday = isoWeekday(ctx.anchor);
      const past = ctx.tense(m.index, end) === 'past';
      const saturday = past
        ? addDays(ctx.anchor, weekday >= 6 ? 6 - weekday : -(weekday + 1))
        : addDays(ctx.anchor, weekday >= 6 ? 6 - weekday : 6 - weekday);
      return cand(m.index, end, 'DATE', `${isoWeek(saturday)}-WE`, 'timeml/weekend');
    },
  },
  {
    // "the end of the year", "the beginning of the month", "the end of March"
    name: 'period-edge',
    re: /\b(?:the\s+)?(end|beginning|start|middle)\s+of\s+(?:the\s+|this\s+)?(year|month|week)\b/gi,
    make(m, ctx) {
      const end = m.index + m[0].length;
      const mod = POINT_MOD[(m[1] ?? '').toLowerCase()];
      const unit = (m[2] ?? '').toLowerCase();
      let a = ctx.anchor;
      // "prices peaked by the end of the year", written in March: an end still ahead cannot be in
      // the past tense, so it is the previous year's (month's) end; "this" keeps the current one
      if (a && mod === 'END' && !/\bthis\b/i.test(m[0]) && ctx.tense(m.index, end) === 'past') {
        if (unit === 'year' && a.month < 12) a = { year: a.year - 1, month: a.month, day: 1 };
        else if (unit === 'month' && a.day < 25) a = { ...addMonths(a, -1), day: 1 };
      }
      const value = !a
        ? unit === 'year'
          ? 'XXXX'
          : unit === 'month'
            ? 'XXXX-XX'
            : 'XXXX-WXX'
        : unit === 'year'
          ? pad(a.year, 4)
          : unit === 'month'
            ? isoMonth(a.year, a.month)
            : isoWeek(a);
      return cand(m.index, end, 'DATE', value, 'timeml/period-edge', mod);
    },
  },
  {
    // "three days ago", "a year ago", "two weeks from now", "a few years ago"
    name: 'ago',
    re: new RegExp(`\\b(${COUNT})\\s+(${UNIT})s?\\s+(ago|from\\s+(?:now|today)|earlier|later|before|after)\\b`, 'gi'),
    make(m, ctx) {
      const end = m.index + m[0].length;
      const n = countValue(m[1] ?? '');
      const unit = unitOf(m[2] ?? '');
      const dir = (m[3] ?? '').toLowerCase();
      const countedSpanEnd = m.index + m[0].slice(0, m[0].length - (m[3] ?? '').length).trimEnd().length;
      // "eight years from now": TimeML anchors a duration on "now" (two TIMEX3: P8Y and PRESENT_REF);
      // "a month earlier than usual": a comparison with no time anchor, so only the duration
      if (
        dir.startsWith('from') ||
        ((dir === 'earlier' || dir === 'later') && /^\s+than\b/i.test(ctx.text.slice(end, end + 6)))
      ) {
        return cand(m.index, countedSpanEnd, 'DURATION', durationValue(n, m[2] ?? ''), 'timeml/duration');
      }
      if (dir === 'before' || dir === 'after') {
        // "two days before the vote": a duration linking two events when an object follows
        if (/^\s+(?:the|a|an|his|her|its|their|he|she|it|they|this|that)\b/i.test(ctx.text.slice(end, end + 8))) {
          return cand(m.index, countedSpanEnd, 'DURATION', durationValue(n, m[2] ?? ''), 'timeml/duration');
        }
      }
      if (dir === 'earlier' || dir === 'later' || dir === 'before' || dir === 'after') {
        // counted from another event, which this tagger does not resolve
        return cand(m.index, end, 'DATE', unitValueUnknown(unit), 'timeml/relative-to-event');
      }
      const sign = dir === 'ago' ? -1 : 1;
      if (n === null) return cand(m.index, end, 'DATE', sign < 0 ? 'PAST_REF' : 'FUTURE_REF', 'timeml/ago');
      const a = ctx.anchor;
      if (!a)
        return cand(
          m.index,
          end,
          unit === 'hour' || unit === 'minute' ? 'TIME' : 'DATE',
          unitValueUnknown(unit),
          'timeml/ago',
        );
      const k = Math.round(n) * sign;
      let value: string;
      if (unit === 'day') value = isoDay(addDays(a, k));
      else if (unit === 'week' || unit === 'fortnight')
        value = isoWeek(addDays(a, k * 7 * (unit === 'fortnight' ? 2 : 1)));
      else if (unit === 'month') {
        const mo = addMonths(a, k);
        value = isoMonth(mo.year, mo.month);
      } else if (unit === 'year') value = pad(a.year + k, 4);
      else if (unit === 'decade') value = String(Math.floor((a.year + k * 10) / 10));
      else if (unit === 'quarter') {
        const mo = addMonths(a, k * 3);
        value = `${pad(mo.year, 4)}-Q${Math.floor((mo.month - 1) / 3) + 1}`;
      } else if (unit === 'hour' || unit === 'minute' || unit === 'second')
        return cand(m.index, end, 'TIME', sign < 0 ? 'PAST_REF' : 'FUTURE_REF', 'timeml/ago');
      else value = pad(Math.floor((a.year + k * 100) / 100));
      return cand(m.index, end, 'DATE', value, 'timeml/ago');
    },
  },
  {
    // "three days", "about two years", "the past five years", "more than a decade", "24-hour"
    name: 'duration',
    re: new RegExp(
      `\\b(?:(${MOD})\\s+)?(?:(the\\s+(?:past|last|next|previous|first|coming|following|final)(?:\\s+few)?)\\s+)?(${COUNT}(?:\\s+and\\s+a\\s+half)?)[\\s-]+(${UNIT})s?\\b(?!-old|\\s+old\\b)`,
      'gi',
    ),
    make(m, ctx) {
      const end = m.index + m[0].length;
      const count = (m[3] ?? '').toLowerCase();
      const unitWord = m[4] ?? '';
      if (/^(?:some|many)$/.test(count) && !m[2]) return null; // "some days" is rarely a timex
      const before = ctx.text.slice(Math.max(0, m.index - 12), m.index);
      // "twice a year", "once a week", "per day": a frequency
      if (/^an?$/.test(count) && !m[1] && !m[2] && /\b(?:times|twice|once|per)\s+$/i.test(before)) return null;
      // "$50,000 a year", "3% a month", "10 million tonnes a year": a rate, each period (SET)
      if (
        /^an?$/.test(count) &&
        !m[1] &&
        !m[2] &&
        /(?:\d%?|\b(?:million|billion|thousand|percent|tonnes|tons|barrels|dollars|euros))\s+$/i.test(before)
      ) {
        return cand(m.index, end, 'SET', durationValue(1, unitWord), 'timeml/set');
      }
      const n = /\bfew\b/i.test(m[2] ?? '') ? null : countValue(count);
      const mod = m[1] ? MOD_WORDS[m[1].toLowerCase().replace(/\s+/g, ' ')] : undefined;
      // "one day" at the start of a clause is "once", not a duration
      if (count === 'one' && /^day$/i.test(unitWord) && !m[1] && !m[2]) return null;
      if (isAge(ctx.text, m.index, end)) return null;
      // "a sub-five-minute mile": a measure glued to a prefix, not a time
      if (/[A-Za-z]-$/.test(ctx.text.slice(Math.max(0, m.index - 2), m.index))) return null;
      let start = m.index;
      let stop = end;
      // TimeML keeps the article of a counted span ("in [the 90 years] since") and a plural
      // possessive ("[five years'] probation")
      if (!m[1] && !m[2] && !/^an?$/.test(count) && /\bthe\s+$/i.test(before))
        start -= /the\s+$/i.exec(before)?.[0].length ?? 0;
      if (/s$/i.test(m[0]) && /^'\s+[a-z]/.test(ctx.text.slice(end, end + 3))) stop = end + 1;
      return cand(start, stop, 'DURATION', durationValue(n, unitWord), 'timeml/duration', mod);
    },
  },
  {
    // "for years", "in recent months", "the past week", "decades", "the coming days"
    name: 'vague-duration',
    re: /\b(?:(recent|the\s+past|the\s+last|the\s+previous|the\s+next|the\s+coming|the\s+following)\s+)(days|weeks|months|years|decades|day|week|month|year|decade|century)\b|\b(?:for|over|within)\s+(hours|days|weeks|months|years|decades|centuries)\b/gi,
    make(m, ctx) {
      const end = m.index + m[0].length;
      const lead = (m[1] ?? '').toLowerCase().replace(/\s+/g, ' ');
      const unit = m[2] ?? m[3] ?? '';
      // "the following week", "the previous day": one period next to another event, a date; but
      // "over the following decade" is the length of that period
      const spanning = /\b(?:over|during|for|within|throughout)\s+$/i.test(
        ctx.text.slice(Math.max(0, m.index - 12), m.index),
      );
      if ((lead === 'the following' || lead === 'the previous') && !/s$/i.test(unit) && !spanning) {
        return cand(m.index, end, 'DATE', unitValueUnknown(unitOf(unit)), 'timeml/relative-to-event');
      }
      if (/^day$/i.test(unit)) return null; // "the next day", "the past day": too rare as durations
      const plural = /s$/i.test(unit) && !/century/i.test(unit);
      if (m[3]) {
        const s = groupStart(m, 3);
        return cand(s, end, 'DURATION', durationValue(null, unit), 'timeml/vague-duration');
      }
      if (lead === 'the coming' || lead === 'the next' || lead === 'the following') {
        if (plural) return cand(m.index, end, 'DURATION', durationValue(null, unit), 'timeml/vague-duration');
        return cand(m.index, end, 'DURATION', durationValue(1, unit), 'timeml/vague-duration');
      }
      if (lead === 'recent') {
        return cand(m.index, end, 'DURATION', durationValue(null, unit), 'timeml/vague-duration');
      }
      void ctx;
      return cand(m.index, end, 'DURATION', durationValue(plural ? null : 1, unit), 'timeml/vague-duration');
    },
  },
  {
    // "every day", "each year", "daily", "weekly", "twice a year", "every two weeks"
    name: 'set',
    re: new RegExp(
      `\\b(?:(every|each|per)\\s+(?:(other|${COUNT})\\s+)?(${UNIT}|morning|evening|night|weekend)s?|(daily|weekly|monthly|yearly|annually|nightly|hourly)|(once|twice|(?:three|four|five|\\d+)\\s+times)\\s+(?:a|an|per|each|every)\\s+(${UNIT}))\\b`,
      'gi',
    ),
    make(m) {
      const end = m.index + m[0].length;
      if (m[4]) {
        const unit: Record<string, string> = {
          daily: 'P1D',
          weekly: 'P1W',
          monthly: 'P1M',
          yearly: 'P1Y',
          annually: 'P1Y',
          nightly: 'P1D',
          hourly: 'PT1H',
        };
        return cand(m.index, end, 'SET', unit[m[4].toLowerCase()] ?? 'P1D', 'timeml/set');
      }
      if (m[5]) return cand(m.index, end, 'SET', durationValue(1, m[6] ?? 'day'), 'timeml/set');
      const word = (m[3] ?? '').toLowerCase();
      if (word === 'morning' || word === 'evening' || word === 'night') {
        return cand(m.index, end, 'SET', `XXXX-XX-XXT${PART_OF_DAY[word]}`, 'timeml/set');
      }
      if (word === 'weekend') return cand(m.index, end, 'SET', 'XXXX-WXX-WE', 'timeml/set');
      const n = m[2] ? (m[2].toLowerCase() === 'other' ? 2 : countValue(m[2])) : 1;
      return cand(m.index, end, 'SET', durationValue(n, word), 'timeml/set');
    },
  },
  {
    // "between 12 and 18 months", "two or three days": TimeML tags each end, the first valued with
    // the unit written after the second
    name: 'duration-range',
    re: new RegExp(
      `\\b(\\d+|${NUMBER_WORD})(?=\\s*(?:and|to|or|-|–)\\s*(?:\\d+|${NUMBER_WORD})[\\s-]+(${UNIT})s?\\b(?!-old|\\s+old\\b))`,
      'gi',
    ),
    make(m, ctx) {
      const end = m.index + m[0].length;
      if (/[\d.,$€£]$/.test(ctx.text.slice(Math.max(0, m.index - 1), m.index))) return null;
      if (isAge(ctx.text, m.index, end)) return null;
      return cand(m.index, end, 'DURATION', durationValue(countValue(m[1] ?? ''), m[2] ?? ''), 'timeml/duration');
    },
  },
  {
    // "set days before", "minutes after the blast", "can take weeks", "years ago": an uncounted span
    name: 'bare-units',
    re: /\b(?:(seconds|minutes|hours|days|weeks|months|years|decades)(?=\s+(?:before|after|later|earlier)\b)|(days|weeks|months|years|decades)\s+ago|(?:take|takes|took|taking|taken|last|lasts|lasted|lasting|spend|spends|spent|spending|wait|waits|waited|waiting)\s+(minutes|hours|days|weeks|months|years|decades)\b)/gi,
    make(m, ctx) {
      const end = m.index + m[0].length;
      if (m[2]) return cand(m.index, end, 'DATE', 'PAST_REF', 'timeml/bare-units');
      if (m[1]) return cand(m.index, end, 'DURATION', durationValue(null, m[1]), 'timeml/bare-units');
      // "in the last minutes of the match": "last" the adjective, not the verb
      if (
        /^last\s/i.test(m[0]) &&
        /\b(?:the|its|his|her|their|our|my|your)\s+$/i.test(ctx.text.slice(Math.max(0, m.index - 7), m.index))
      )
        return null;
      const unit = m[3] ?? '';
      return cand(end - unit.length, end, 'DURATION', durationValue(null, unit), 'timeml/bare-units');
    },
  },
  {
    // "finishing in 3:07:35": hours, minutes and seconds elapsed (a clock time would say a.m., GMT…)
    name: 'elapsed',
    re: /(?<![\d:.])(\d{1,2}):([0-5]\d):([0-5]\d)(?![\d:]|\s*(?:a\.?m\b|p\.?m\b|[A-Z]{2,4}\b|local\b|h\b))/g,
    make(m, ctx) {
      if (/\b(?:at|by|until|from|since)\s+$/i.test(ctx.text.slice(Math.max(0, m.index - 7), m.index))) return null;
      const [h, mi, sec] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const parts = `${h ? `${h}H` : ''}${mi ? `${mi}M` : ''}${sec ? `${sec}S` : ''}`;
      if (!parts) return null;
      return cand(m.index, m.index + m[0].length, 'DURATION', `PT${parts}`, 'timeml/elapsed');
    },
  },
  {
    // "in international waters at the time.": the time of the events told, before publication
    name: 'at-the-time',
    re: /\bat\s+the\s+time\b(?=\s*[.,;!?)]|\s+(?:and|but)\b)/gi,
    make(m, ctx) {
      const end = m.index + m[0].length;
      return ctx.tense(m.index, end) === 'past' ? cand(m.index, end, 'DATE', 'PAST_REF', 'timeml/at-the-time') : null;
    },
  },
  {
    // now, currently, recently, the past, the future, at present, these days, nowadays
    name: 'reference',
    re: /\b(?=[nNcCaAtTpPrRlLfFsS])(?:(now|currently|nowadays|at\s+present|presently|at\s+the\s+moment|these\s+days|the\s+present(?!\s+[a-z]+(?:ed|ion|ment|s)\b))|(recently|lately|the\s+past(?!\s+(?:few|several|\d|[a-z]+s\b|week|month|year|decade|century|quarter|day))|previously|formerly)|(the\s+future|soon)|(?:the\s+)?(former)(?=\s+[A-Z]))\b/gi,
    make(m, ctx) {
      const end = m.index + m[0].length;
      if (m[1]) {
        const word = m[1].toLowerCase();
        // "now" as a discourse word ("Now, …" at a sentence start; "now that") is still the present
        if (word === 'now' && /^\s*(?:-|–)/.test(ctx.text.slice(end, end + 2))) return null;
        return cand(m.index, end, 'DATE', 'PRESENT_REF', 'timeml/reference');
      }
      if (m[2]) {
        const word = m[2].toLowerCase();
        if (word === 'previously' || word === 'formerly') return null;
        return cand(m.index, end, 'DATE', 'PAST_REF', 'timeml/reference');
      }
      if (m[3]) {
        if (/^soon$/i.test(m[3])) return null;
        return cand(m.index, end, 'DATE', 'FUTURE_REF', 'timeml/reference');
      }
      return null;
    },
  },
  {
    // "3 p.m.", "10:30 a.m. EST", "15:00 GMT", "noon", "midnight"
    name: 'clock',
    re: /\b(?:(\d{1,2})(?:[:.](\d{2}))?\s*(a\.m\.|p\.m\.|am\b|pm\b)|(\d{1,2}):(\d{2})(?=\s*(?:GMT|UTC|BST|CET|EST|EDT|PST|PDT|local|h\b))|(noon|midday|midnight))(?:\s+(?:GMT|UTC|BST|CET|CEST|EST|EDT|CST|CDT|PST|PDT|ET|PT|local\s+time)\b)?/gi,
    make(m, ctx) {
      const end = m.index + m[0].length;
      let hour: number;
      let minute = 0;
      if (m[6]) {
        const word = m[6].toLowerCase();
        hour = word === 'midnight' ? 24 : 12;
      } else if (m[4]) {
        hour = Number(m[4]);
        minute = Number(m[5]);
      } else {
        hour = Number(m[1]);
        minute = m[2] ? Number(m[2]) : 0;
        const pm = /^p/i.test(m[3] ?? '');
        if (hour < 1 || hour > 12) return null;
        if (pm && hour < 12) hour += 12;
        if (!pm && hour === 12) hour = 0;
      }
      if (hour > 24 || minute > 59) return null;
      const day = ctx.anchor ? isoDay(ctx.anchor) : 'XXXX-XX-XX';
      return cand(m.index, end, 'TIME', `${day}T${pad(hour)}:${pad(minute)}`, 'timeml/clock');
    },
  },
];

/**
 * An age, which TimeML does not tag: "children ages 6 months and older", "aged 2 to 5 years",
 * "3 years of age".
 */
function isAge(text: string, start: number, end: number): boolean {
  return (
    /\bage[sd]?\s+(?:of\s+|between\s+|from\s+)?(?:[\w.]+\s+(?:and|to|or|-|–)\s+)?$/i.test(
      text.slice(Math.max(0, start - 24), start),
    ) ||
    /^\s+(?:(?:and|or)\s+(?:older|younger|over|under|up|above|below)\b|of\s+age\b)/i.test(text.slice(end, end + 20))
  );
}

function unitValueUnknown(unit: string): string {
  if (unit === 'week' || unit === 'fortnight') return 'XXXX-WXX';
  if (unit === 'month') return 'XXXX-XX';
  if (unit === 'year') return 'XXXX';
  return 'XXXX-XX-XX';
}

/** Month name + day (+ year) shared by "Oct. 14, 2023" and "14 October 2023". */
function monthDay(
  m: RegExpExecArray,
  ctx: Context,
  monthName: string,
  dayText: string,
  yearText: string | undefined,
  weekdayText: string | undefined,
  rule: string,
): Candidate | null {
  const month = monthNumber(monthName);
  const day = Number(dayText);
  const end = m.index + m[0].length;
  if (!month || day < 1 || day > 31) return null;
  // "May 5" needs the month capitalised and no verb reading: "may 5" never gets here (case-sensitive)
  if (yearText) {
    const year = Number(yearText);
    if (!validDay(year, month, day)) return null;
    return cand(m.index, end, 'DATE', isoDay({ year, month, day }), rule);
  }
  if (!validDay(2000, month, day)) return null; // February 30 is no day in any year (Feb 29 is, in 2000)
  const weekday = weekdayText ? weekdayNumber(weekdayText) : 0;
  let year: number | null = null;
  if (ctx.anchor) {
    year = yearForMonthDay(ctx.anchor, month, day, ctx.tense(m.index, end));
    // a weekday written with the date pins the year: take the nearest year where it fits
    if (weekday && isoWeekday({ year, month, day }) !== weekday) {
      const fits = [year, year - 1, year + 1].find(
        (y) => validDay(y, month, day) && isoWeekday({ year: y, month, day }) === weekday,
      );
      if (fits) year = fits;
    }
  }
  if (year === null || !validDay(year, month, day)) {
    return cand(m.index, end, 'DATE', `XXXX-${pad(month)}-${pad(day)}`, rule);
  }
  return cand(m.index, end, 'DATE', isoDay({ year, month, day }), rule);
}

// ---- entry point ------------------------------------------------------------------------------

/**
 * Every TIMEX3 expression of `text`, anchored on `anchor` (the publication day, or null).
 * @example
 * findTimeml('Talks resumed on Friday, three days after the vote.', { year: 2013, month: 3, day: 22 })
 * // [{ text: 'Friday', type: 'DATE', value: '2013-03-22' }, { text: 'three days', type: 'DURATION', value: 'P3D' }]
 */
export function findTimeml(text: string, anchor: Day | null, options: TimemlOptions = {}): TimexSpan[] {
  const sentences = options.sentences ?? splitSentences(text);
  const sentenceOf = (offset: number): Sentence | undefined => {
    // candidates come rule by rule, so a binary search beats a moving cursor
    let lo = 0;
    let hi = sentences.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = sentences[mid] as Sentence;
      if (offset < s.start) hi = mid - 1;
      else if (offset >= s.end) lo = mid + 1;
      else return s;
    }
    return undefined;
  };
  const ctx: Context = {
    text,
    anchor,
    order: options.numericOrder ?? null,
    tense(start, end) {
      const s = sentenceOf(start);
      if (!s) return 'past';
      return tenseAt(text.slice(s.start, s.end), start - s.start, Math.min(end, s.end) - s.start);
    },
  };
  const candidates: Candidate[] = [];
  RULES.forEach((rule, priority) => {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m !== null; m = rule.re.exec(text)) {
      if (m[0].length === 0) {
        rule.re.lastIndex++;
        continue;
      }
      const made = rule.make(m, ctx);
      if (!made) continue;
      for (const c of Array.isArray(made) ? made : [made]) {
        if (c.end > c.start) candidates.push(Object.assign(c, { priority }));
      }
    }
  });
  return mergeClockWithDay(text, pickLongest(candidates as Array<Candidate & { priority: number }>)).map((c) => ({
    start: c.start,
    end: c.end,
    text: text.slice(c.start, c.end),
    type: c.type,
    value: c.value,
    ...(c.mod ? { mod: c.mod } : {}),
    rule: c.rule,
  }));
}

/**
 * A clock time with its day is one TIME (TIMEX3 guidelines: "5 p.m. Wednesday" → `…T17:00`):
 * "3 p.m. Friday", "3 p.m. on Friday" keep both in one span, valued on that day.
 */
function mergeClockWithDay<C extends Candidate>(text: string, list: C[]): C[] {
  const out: C[] = [];
  for (let i = 0; i < list.length; i++) {
    const clock = list[i] as C;
    const day = list[i + 1];
    const dayValue = day
      ? /^(\d{4}-\d{2}-\d{2}|XXXX-WXX-\d|XXXX-\d{2}-\d{2}|XXXX-XX-XX)$/.exec(day.value)?.[1]
      : undefined;
    if (
      clock.rule === 'timeml/clock' &&
      day &&
      dayValue &&
      day.type === 'DATE' &&
      /^,?\s+$/.test(text.slice(clock.end, day.start))
    ) {
      out.push({ ...clock, end: day.end, value: `${dayValue}${clock.value.slice(clock.value.indexOf('T'))}` });
      i++;
      continue;
    }
    out.push(clock);
  }
  return out;
}

/** Non-overlapping candidates: longest first, then the earlier rule, then the earlier start. */
function pickLongest<C extends Candidate & { priority: number }>(candidates: C[]): C[] {
  const sorted = [...candidates].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || a.priority - b.priority || a.start - b.start,
  );
  const taken: C[] = [];
  // one flag per character: the check stays linear however many candidates a text has
  const covered = new Uint8Array(sorted.reduce((max, c) => Math.max(max, c.end), 0));
  for (const c of sorted) {
    if (covered.subarray(c.start, c.end).some((x) => x === 1)) continue;
    covered.fill(1, c.start, c.end);
    taken.push(c);
  }
  return taken.sort((a, b) => a.start - b.start);
}
