/**
 * The numeric date order an article itself shows (its locale, as far as the text tells), to read
 * its ambiguous dates such as 03/04/2026. Extract's `dates.ts` weighs the same evidence for the
 * date line; stages do not import each other, so the few patterns are repeated here.
 */
import type { NumericOrder } from './timeml.js';

const NUMERIC_DATE_RE = /\b(\d{1,2})([/.])(\d{1,2})\2(?:19|20)\d{2}\b/g;
/** Spellings only British/Commonwealth English uses, and their US counterparts. */
const UK_SPELLING_RE =
  /\b(?:centres?|(?:kilo|centi|milli)?metres?|colour\w*|favour\w*|neighbour\w*|honour\w*|behaviour\w*|harbour\w*|organis(?:e|ed|es|ing|ation|ations)|recognis(?:e|ed|es|ing)|programmes?|defence|licence|travelled|travelling|tyres?|cheques?)\b/i;
const US_SPELLING_RE =
  /\b(?:centers?|(?:kilo|centi|milli)?meters?|colors?|favor(?:ed|ite|s)?|neighbor\w*|honor\w*|behavior\w*|harbor\w*|organiz(?:e|ed|es|ing|ation|ations)|recogniz(?:e|ed|es|ing)|defense|traveled|traveling|tires?)\b/i;

/**
 * Day-first (`dmy`) or month-first (`mdy`) by the text's own evidence: numeric dates that read only
 * one way (14/03/2026; dotted dates are day-first), else British spelling with no US spelling.
 * Null when nothing decides: ambiguous dates then stay ranges.
 */
export function textNumericOrder(text: string): NumericOrder {
  let dmy = false;
  let mdy = false;
  let any = false;
  for (const m of text.matchAll(NUMERIC_DATE_RE)) {
    any = true;
    const a = Number(m[1]);
    const b = Number(m[3]);
    if (m[2] === '.' || (a > 12 && b >= 1 && b <= 12)) dmy = true;
    else if (b > 12 && a >= 1 && a <= 12) mdy = true;
  }
  if (dmy !== mdy) return dmy ? 'dmy' : 'mdy';
  // no numeric date at all: nothing to read, and the spelling scan is skipped
  if (!any || (dmy && mdy)) return null;
  return UK_SPELLING_RE.test(text) && !US_SPELLING_RE.test(text) ? 'dmy' : null;
}
