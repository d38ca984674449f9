/**
 * Publication dates: parse the date strings found in metadata, URLs and date lines into ISO
 * `YYYY-MM-DD`. Only explicit dates with a year are accepted; nothing is implied from today.
 *
 * Numeric dates where both readings are real dates (12/03/2026: 12 March or 3 December):
 *   1. dotted dates (`11.03.2026`) are day-first: the dotted form is the European convention and
 *      month-first writers (the US) use slashes;
 *   2. otherwise {@link numericOrder} looks for evidence in the document, strongest first: other
 *      numeric dates that only read one way (14/03/2026), a weekday on the date line that fits one
 *      reading, a month name in the text that fits one reading, then British/Commonwealth
 *      spellings (centre, neighbour, organise) with no US ones, which only day-first locales write;
 *   3. when nothing decides, the date stays an honest range between the two readings.
 */

/** An exact date, or an honest range when the string is ambiguous (03/04/2026). */
export interface ParsedDate {
  date: string | null;
  from: string | null;
  to: string | null;
  /** Both readings of an ambiguous numeric date, kept so evidence elsewhere can pick one. */
  readings?: { dayFirst: string; monthFirst: string };
}

/** Day-first or month-first reading of a numeric date. */
export type NumericOrder = 'dmy' | 'mdy';

const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};
const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '((?:19|20)\\d{2})';

const ISO_RE = /\b((?:19|20)\d{2})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b/;
const DMY_RE = new RegExp(`\\b${DAY}\\s+(?:of\\s+)?${MONTH},?\\s+${YEAR}\\b`, 'i');
const MDY_RE = new RegExp(`\\b${MONTH}\\s+${DAY},?\\s+${YEAR}\\b`, 'i');
const NUMERIC_RE = /\b(\d{1,2})([/.-])(\d{1,2})\2((?:19|20)\d{2})\b/;
const YMD_SLASH_RE = /\b((?:19|20)\d{2})\/(\d{1,2})\/(\d{1,2})\b/;

/** Every piece a date line may contain besides the date itself. */
const DATE_ANY_RE = new RegExp(
  `${ISO_RE.source}|\\b${DAY}\\s+(?:of\\s+)?${MONTH},?\\s+${YEAR}\\b|\\b${MONTH}\\s+${DAY},?\\s+${YEAR}\\b|${NUMERIC_RE.source.replace('\\2', '[/.-]')}|${YMD_SLASH_RE.source}`,
  'gi',
);
const LINE_NOISE_RE =
  /\b(?:published|updated|last updated|first published|posted|modified|date|on|at|am|pm|mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|gmt|utc|bst|cet|cest|est|edt|cst|cdt|pst|pdt|ist|jst|aest|eat|wat|cat|sast|local time)\b|[ap]\.m\.|\b\d{1,2}(?:[:.h]\d{2}(?::\d{2})?)?\s?[ap]\.?m\b\.?|\b\d{1,2}[:.h]\d{2}(?::\d{2})?\b|[+-]\d{2}:?\d{2}\b|[\s,|·:;()\-–—/.]+/gi;

/** Longest line still read as a lone date line ("Published: Monday 16 March 2026, 09:41 GMT | Updated …"). */
const MAX_DATE_LINE = 100;

/**
 * Parse the first explicit date in `text`; null when there is none or it is not a real date.
 * `order` reads an ambiguous numeric date one way (evidence from {@link numericOrder}).
 */
export function parseDate(text: string, order: NumericOrder | null = null): ParsedDate | null {
  let m = ISO_RE.exec(text);
  if (m) return exact(Number(m[1]), Number(m[2]), Number(m[3]));
  // Word-month forms before numeric ones: "12 March 2026" is never ambiguous.
  const dmy = DMY_RE.exec(text);
  const mdy = MDY_RE.exec(text);
  if (dmy && (!mdy || dmy.index <= mdy.index)) return exact(Number(dmy[3]), monthOf(dmy[2]), Number(dmy[1]));
  if (mdy) return exact(Number(mdy[3]), monthOf(mdy[1]), Number(mdy[2]));
  m = YMD_SLASH_RE.exec(text);
  if (m) return exact(Number(m[1]), Number(m[2]), Number(m[3]));
  m = NUMERIC_RE.exec(text);
  if (m) return numeric(Number(m[1]), Number(m[3]), Number(m[4]), m[2] === '.' ? 'dmy' : order);
  return null;
}

/**
 * Whether `line` is a lone date line ("Published: 12 March 2026", "Mon 16 Mar 2026 09:41 GMT"):
 * a date plus only labels, weekdays, times and time zones.
 */
export function parseDateLine(line: string): ParsedDate | null {
  if (line.length > MAX_DATE_LINE) return null;
  DATE_ANY_RE.lastIndex = 0;
  if (!DATE_ANY_RE.test(line)) return null;
  DATE_ANY_RE.lastIndex = 0;
  const rest = line.replace(DATE_ANY_RE, ' ').replace(LINE_NOISE_RE, '');
  if (rest.length > 0) return null;
  return parseDate(line);
}

/** `/2026/03/12/` in a URL path; `/2026/03/` gives the month as a range. */
export function parseUrlDate(url: string): ParsedDate | null {
  const day = /\/((?:19|20)\d{2})\/(\d{1,2})\/(\d{1,2})(?:\/|$)/.exec(url);
  if (day) return exact(Number(day[1]), Number(day[2]), Number(day[3]));
  const month = /\/((?:19|20)\d{2})\/(\d{1,2})\//.exec(url);
  if (month) {
    const y = Number(month[1]);
    const mo = Number(month[2]);
    if (mo < 1 || mo > 12 || !plausibleYear(y)) return null;
    return { date: null, from: iso(y, mo, 1), to: iso(y, mo, daysIn(y, mo)) };
  }
  return null;
}

function monthOf(name: string | undefined): number {
  return MONTHS[(name ?? '').toLowerCase().replace('.', '')] ?? 0;
}

function exact(y: number, mo: number, d: number): ParsedDate | null {
  if (!valid(y, mo, d)) return null;
  const date = iso(y, mo, d);
  return { date, from: null, to: null };
}

/**
 * 14/03/2026 is day-first, 03/14/2026 month-first; 03/04/2026 takes `order`, or stays an honest
 * range between the two readings.
 */
function numeric(a: number, b: number, y: number, order: NumericOrder | null): ParsedDate | null {
  const dayFirst = valid(y, b, a) ? iso(y, b, a) : null;
  const monthFirst = valid(y, a, b) ? iso(y, a, b) : null;
  if (dayFirst && monthFirst && dayFirst !== monthFirst) {
    if (order) return { date: order === 'dmy' ? dayFirst : monthFirst, from: null, to: null };
    const [from, to] = dayFirst < monthFirst ? [dayFirst, monthFirst] : [monthFirst, dayFirst];
    return { date: null, from, to, readings: { dayFirst, monthFirst } };
  }
  const date = dayFirst ?? monthFirst;
  return date ? { date, from: null, to: null } : null;
}

function valid(y: number, mo: number, d: number): boolean {
  return plausibleYear(y) && mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo);
}

/** News archives start in the 1990s; a year after next year is a typo, not a publication date. */
function plausibleYear(y: number): boolean {
  return y >= 1990 && y <= new Date().getUTCFullYear() + 1;
}

function daysIn(y: number, mo: number): number {
  return new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

function iso(y: number, mo: number, d: number): string {
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const NUMERIC_ALL_RE = /\b(\d{1,2})([/.-])(\d{1,2})\2((?:19|20)\d{2})\b/g;
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const WEEKDAY_RE = /\b(sun|mon|tue|wed|thu|fri|sat)(?:day|s|nes|rs|urs|ur)?(?:day)?\b\.?/i;
/** Full month names ("May" left out: it is also a verb). */
const MONTH_NAME_RE = /\b(January|February|March|April|June|July|August|September|October|November|December)\b/g;
/** Spellings only British/Commonwealth English uses, and their US counterparts. */
const UK_SPELLING_RE =
  /\b(?:centres?|(?:kilo|centi|milli)?metres?|colour\w*|favour\w*|neighbour\w*|honour\w*|behaviour\w*|harbour\w*|rumour\w*|organis(?:e|ed|es|ing|ation|ations)|realis(?:e|ed|es|ing)|recognis(?:e|ed|es|ing)|apologis(?:e|ed|es|ing)|criticis(?:e|ed|es|ing)|programmes?|defence|licence|travelled|travelling|analys(?:e|ed|ing)|tyres?|cheques?|jewellery)\b/gi;
const US_SPELLING_RE =
  /\b(?:centers?|(?:kilo|centi|milli)?meters?|colors?|favor(?:ed|ite|s)?|neighbor\w*|honor\w*|behavior\w*|harbor\w*|rumor\w*|organiz(?:e|ed|es|ing|ation|ations)|realiz(?:e|ed|es|ing)|recogniz(?:e|ed|es|ing)|apologiz(?:e|ed|es|ing)|criticiz(?:e|ed|es|ing)|defense|traveled|traveling|analyz(?:e|ed|ing)|tires?|checks?|jewelry)\b/gi;

/**
 * Evidence in a document for reading an ambiguous numeric date day-first or month-first, strongest
 * first (see the module header); null when nothing decides.
 * @param readings both readings of the ambiguous date
 * @param dateLine the line the date was read from (its weekday decides)
 * @param text the rest of the document (body and removed lines)
 */
export function numericOrder(
  readings: { dayFirst: string; monthFirst: string },
  dateLine: string,
  text: string,
): { order: NumericOrder; why: string } | null {
  let dmy = false;
  let mdy = false;
  for (const m of text.matchAll(NUMERIC_ALL_RE)) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    if (m[2] === '.') continue;
    if (a > 12 && b >= 1 && b <= 12) dmy = true;
    else if (b > 12 && a >= 1 && a <= 12) mdy = true;
  }
  if (dmy !== mdy) return { order: dmy ? 'dmy' : 'mdy', why: 'other-numeric-date' };

  const weekday = WEEKDAY_RE.exec(dateLine)?.[1]?.toLowerCase();
  if (weekday) {
    const d = weekdayOf(readings.dayFirst) === weekday;
    const m = weekdayOf(readings.monthFirst) === weekday;
    if (d !== m) return { order: d ? 'dmy' : 'mdy', why: 'weekday' };
  }

  const months = new Set<number>();
  for (const m of text.matchAll(MONTH_NAME_RE)) months.add(MONTHS[(m[1] ?? '').toLowerCase()] ?? 0);
  const d = months.has(Number(readings.dayFirst.slice(5, 7)));
  const m = months.has(Number(readings.monthFirst.slice(5, 7)));
  if (d !== m) return { order: d ? 'dmy' : 'mdy', why: 'month-name' };

  // One direction only: US spelling is common in day-first locales too (wire copy, non-native outlets).
  const uk = UK_SPELLING_RE.test(text);
  UK_SPELLING_RE.lastIndex = 0;
  const us = US_SPELLING_RE.test(text);
  US_SPELLING_RE.lastIndex = 0;
  if (uk && !us) return { order: 'dmy', why: 'british-spelling' };
  return null;
}

function weekdayOf(isoDate: string): string {
  return WEEKDAYS[new Date(`${isoDate}T00:00:00Z`).getUTCDay()] as string;
}
