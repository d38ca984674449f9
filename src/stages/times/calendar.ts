/**
 * Calendar arithmetic on plain days (no time zone, no `Date` in local time): ISO weeks, month
 * lengths, shifting by days, months or years. Shared by the TimeML normaliser and the
 * publication-date inference.
 */
import type { Day } from './resolve.js';

export const pad = (n: number, width = 2) => String(n).padStart(width, '0');
export const isoDay = (d: Day) => `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
export const isoMonth = (year: number, month: number) => `${pad(year, 4)}-${pad(month)}`;

export function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A real calendar day (February 30 is not) in years 1000–2999: anything else is a misreading. */
export function validDay(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    year >= 1000 &&
    year <= 2999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysIn(year, month)
  );
}

function toUtc(d: Day): Date {
  return new Date(Date.UTC(d.year, d.month - 1, d.day));
}
function fromUtc(date: Date): Day {
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

export function addDays(d: Day, days: number): Day {
  const date = toUtc(d);
  date.setUTCDate(date.getUTCDate() + days);
  return fromUtc(date);
}

/** First day of the month `months` away from `d`'s month. */
export function addMonths(d: Day, months: number): { year: number; month: number } {
  const index = d.year * 12 + (d.month - 1) + months;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

export function compareDays(a: Day, b: Day): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** Monday = 1 … Sunday = 7 (ISO). */
export function isoWeekday(d: Day): number {
  return ((toUtc(d).getUTCDay() + 6) % 7) + 1;
}

/** ISO week of `d`: `2013-W12` (the week-year can differ from the calendar year at the edges). */
export function isoWeek(d: Day): string {
  const thursday = addDays(d, 4 - isoWeekday(d));
  const jan1 = { year: thursday.year, month: 1, day: 1 };
  const week = Math.floor((toUtc(thursday).getTime() - toUtc(jan1).getTime()) / 86_400_000 / 7) + 1;
  return `${pad(thursday.year, 4)}-W${pad(week)}`;
}

/** Days from `a` to `b`. */
export function daysBetween(a: Day, b: Day): number {
  return Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / 86_400_000);
}
