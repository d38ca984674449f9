/**
 * Offsets back to the original document. The clean text is aligned to the original word by word
 * (forward `indexOf`, so markup, entities and dropped blocks in between cost nothing), and kept
 * as runs `[cleanStart, originalStart, length]` where both texts agree character for character.
 * For HTML the original is the decoded source string; a word written with an entity (`&amp;`)
 * or split by a tag stays unmapped and the next word picks the alignment up again.
 */
import type { OffsetMap, Removed } from '../../core/doc.js';
import { isJsSpace } from './whitespace.js';

const WORD_RE = /[^\s]+/g;
/** A word found further ahead than this is only trusted when the next word follows it closely. */
const NEAR = 4000;
/** How close "closely" is. */
const FOLLOW = 400;
/** Tries per removed piece before it is left without offsets. */
const MAX_TRIES = 20;

/** Map `clean` onto `original`. */
export function buildOffsetMap(clean: string, original: string): OffsetMap {
  const runs: number[] = [];
  let cursor = 0;
  let misses = 0;
  // Words are scanned in place (no array of matches: this runs over every article's whole text).
  let at = nextWordStart(clean, 0);
  while (at < clean.length) {
    const end = wordEnd(clean, at);
    const word = clean.slice(at, end);
    const nextStart = nextWordStart(clean, end);
    // Near the cursor first; the whole rest of the document only after a few misses in a row (a long
    // dropped block in between), not for every word written with an entity, which no search finds.
    const near = original.slice(cursor, cursor + NEAR).indexOf(word);
    const found =
      near >= 0
        ? cursor + near
        : misses >= RESYNC_MISSES
          ? findFar(
              original,
              word,
              cursor,
              nextStart < clean.length ? clean.slice(nextStart, wordEnd(clean, nextStart)) : undefined,
            )
          : -1;
    if (found < 0) misses++;
    else {
      misses = 0;
      addRun(runs, at, found, word.length);
      cursor = found + word.length;
    }
    at = nextStart;
  }
  return { runs };
}

function nextWordStart(text: string, from: number): number {
  let i = from;
  while (i < text.length && isJsSpace(text.charCodeAt(i))) i++;
  return i;
}

function wordEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && !isJsSpace(text.charCodeAt(i))) i++;
  return i;
}

/** Words missed in a row before the whole rest of the document is searched. */
const RESYNC_MISSES = 2;

function findFar(original: string, word: string, from: number, next: string | undefined): number {
  let at = original.indexOf(word, from);
  for (let tries = 0; at >= 0 && tries < MAX_TRIES; tries++) {
    if (at - from <= NEAR || !next) return at;
    const follow = original.indexOf(next, at + word.length);
    if (follow >= 0 && follow - at <= FOLLOW) return at;
    at = original.indexOf(word, at + 1);
  }
  return -1;
}

/** Extend the last run when the gap before this word is the same in both texts. */
function addRun(runs: number[], cleanStart: number, originalStart: number, length: number): void {
  const n = runs.length;
  if (n >= 3) {
    const lastClean = runs[n - 3] as number;
    const lastOriginal = runs[n - 2] as number;
    const lastLength = runs[n - 1] as number;
    if (
      cleanStart - (lastClean + lastLength) === originalStart - (lastOriginal + lastLength) &&
      cleanStart >= lastClean
    ) {
      runs[n - 1] = cleanStart + length - lastClean;
      return;
    }
  }
  runs.push(cleanStart, originalStart, length);
}

/** Original offset of clean-text offset `offset` (the end of the nearest run before it when unmapped), or null. */
export function toOriginal(map: OffsetMap, offset: number): number | null {
  const { runs } = map;
  let lo = 0;
  let hi = runs.length / 3 - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((runs[mid * 3] as number) <= offset) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (best < 0) return null;
  const cleanStart = runs[best * 3] as number;
  const originalStart = runs[best * 3 + 1] as number;
  const length = runs[best * 3 + 2] as number;
  return originalStart + Math.min(offset - cleanStart, length);
}

/**
 * Give each removed piece its offsets in the original: its first word where the next words
 * follow, through its last word. Pieces that cannot be found (rebuilt from several places) keep
 * none.
 */
export function locateRemoved(removed: Removed[], original: string): void {
  for (const r of removed) {
    if (r.start !== undefined) continue;
    const words = r.text.match(WORD_RE);
    if (!words?.length) continue;
    const first = words[0] as string;
    let at = original.indexOf(first);
    for (let tries = 0; at >= 0 && tries < MAX_TRIES; tries++) {
      if (words.length === 1 || follows(original, words, at) > 1) break;
      at = original.indexOf(first, at + 1);
    }
    if (at < 0) continue;
    r.start = at;
    r.end = endOf(original, words, at);
  }
}

/** How many of `words` follow one another closely from `at` (checks up to three). */
function follows(original: string, words: readonly string[], at: number): number {
  let cursor = at + (words[0] as string).length;
  let n = 1;
  for (let i = 1; i < Math.min(words.length, 3); i++) {
    const p = original.indexOf(words[i] as string, cursor);
    if (p < 0 || p - cursor > FOLLOW) break;
    cursor = p + (words[i] as string).length;
    n++;
  }
  return n;
}

/** End of the last of `words` found in order, each close after the one before. */
function endOf(original: string, words: readonly string[], at: number): number {
  let cursor = at + (words[0] as string).length;
  for (let i = 1; i < words.length; i++) {
    const p = original.indexOf(words[i] as string, cursor);
    if (p < 0 || p - cursor > FOLLOW) break;
    cursor = p + (words[i] as string).length;
  }
  return cursor;
}
