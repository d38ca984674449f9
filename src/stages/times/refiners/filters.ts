import type { ParsingContext, ParsingResult, Refiner } from 'chrono-node';

/**
 * Filters that drop chrono results which are not dates in news prose. They run last, after
 * chrono's merge refiners, so "Sat, March 7" is judged as a whole and not as "Sat".
 */

const MONTH_OR_WEEKDAY_WORD =
  /\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\b/gi;
const WEEKDAY_ABBREVIATION = /^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)$/i;
/** A month name alone ("May", "March") needs one of these just before it to be a date. */
const MONTH_CUE_BEFORE =
  /\b(?:in|since|by|until|till|from|during|before|after|of|through|throughout|early|late|mid|last|next|this|between|and|to|or|on|on or)[\s-]+$/i;

const isBareMonth = (r: ParsingResult) =>
  r.start.isCertain('month') &&
  !r.start.isCertain('day') &&
  !r.start.isCertain('year') &&
  !r.start.isCertain('weekday');

/**
 * Month and weekday names written in lower case are words, not dates ("the march on the
 * capital", "it may rain", "he sat down"). Weekday abbreviations alone ("Sun", "Sat") are too
 * often other words; a bare month name needs a cue word before it ("in May", "since January").
 */
export const nameCaseFilter: Refiner = {
  refine(context: ParsingContext, results: ParsingResult[]) {
    return results.filter((r) => {
      for (const m of r.text.matchAll(MONTH_OR_WEEKDAY_WORD)) {
        const word = m[1] ?? '';
        if (word[0] === word[0]?.toLowerCase()) return false;
        if (WEEKDAY_ABBREVIATION.test(word) && !r.start.isCertain('month')) return false;
      }
      if (isBareMonth(r) && !MONTH_CUE_BEFORE.test(context.text.slice(Math.max(0, r.index - 16), r.index)))
        return false;
      return true;
    });
  },
};

const hasDatePart = (r: ParsingResult) =>
  r.start.isCertain('day') || r.start.isCertain('weekday') || r.start.isCertain('month') || r.start.isCertain('year');

/**
 * Drop times of day with no date ("09:41 GMT", "at 6.5"), "now", and slash dates without a year
 * ("1/2", "3/1" are fractions and scores far more often than dates). Casual day words ("this
 * morning", "tonight") stay: they name the publication day.
 */
export const timeOnlyFilter: Refiner = {
  refine(_context: ParsingContext, results: ParsingResult[]) {
    return results.filter((r) => {
      const tags = r.tags();
      if (tags.has('casualReference/now')) return false;
      if (tags.has('parser/SlashDateFormatParser') && !r.start.isCertain('year')) return false;
      if (hasDatePart(r) || /\bweek\b/i.test(r.text)) return true; // "this week" has no certain part
      for (const tag of tags) if (tag.startsWith('casualReference/')) return true;
      return tags.has('result/relativeDate') && !tags.has('result/relativeDateAndTime');
    });
  },
};

/** A part of the day alone ("night shifts", "every evening", "by mid-morning") names no day. */
const BARE_PART_OF_DAY = /^(?:mid-?(?:morning|afternoon|evening)|morning|afternoon|evening|night)$/i;
/** A capitalised day word inside a name ("Valdoria Today", "USA Today") is not a date. */
const CASUAL_DAY_WORD = /^(?:Today|Tonight|Tomorrow|Yesterday)$/;
/** Where a sentence (or a quote, or a clause after a dash or colon) starts. */
const STARTS_HERE = /(?:^|[.!?:;\u2013\u2014"“‘'«(\n-])\s*$/;
/** "a Saturday market", "every Monday", "after one weekend": a kind of day or a span, not one day. */
const RECURRING_BEFORE = /\b(?:a|an|one|every|each|any)\s+$/i;
const BARE_WEEKDAY = /^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|weekend)$/;

/**
 * Drop day words that are not one day: parts of the day alone, capitalised "Today" inside a
 * name, weekdays and "weekend" after "a", "one", "every", "each".
 */
export const notADayFilter: Refiner = {
  refine(context: ParsingContext, results: ParsingResult[]) {
    return results.filter((r) => {
      const text = r.text.replace(/[\s,.;:)]+$/, ''); // chrono may keep a trailing comma: "weekend,"
      if (BARE_PART_OF_DAY.test(text)) return false;
      const before = context.text.slice(Math.max(0, r.index - 24), r.index);
      if (CASUAL_DAY_WORD.test(text) && !STARTS_HERE.test(before)) return false;
      if (BARE_WEEKDAY.test(text) && RECURRING_BEFORE.test(before)) return false;
      return true;
    });
  },
};

/** "15 on Wednesday": chrono reads a count before a weekday as an hour ("rose to 15 on Wednesday"). */
const BARE_NUMBER_LEAD = /^\d{1,2}\s+(?:on\s+)?(?=[A-Z])/;

/** Cut a bare number chrono took for an hour off the front of a date ("15 on Wednesday" → "Wednesday"). */
export const bareNumberHourRefiner: Refiner = {
  refine(_context: ParsingContext, results: ParsingResult[]) {
    for (const r of results) {
      const lead = BARE_NUMBER_LEAD.exec(r.text);
      if (!lead || !r.tags().has('parser/ENTimeExpressionParser')) continue;
      r.index += lead[0].length;
      r.text = r.text.slice(lead[0].length);
    }
    return results;
  },
};
