/**
 * Pairs quotation marks in article text, the way scraped pages actually have them: curly, straight
 * and guillemet double quotes, single quotes used as quotes (not apostrophes), quotes running over
 * several paragraphs (an opening mark on each paragraph, a closing mark only on the last), closing
 * marks glued to the next word, doubled closing marks, and missing closing marks.
 */
import type { Span } from '../../core/span.js';

/** A pair of marks: `start`/`end` cover the quoted words, without the marks. */
export interface QuoteMarks extends Span {
  /** Offset of the opening mark. */
  open: number;
  /** Offset just after the closing mark; equals `end` when the quote was never closed. */
  close: number;
  style: 'double' | 'single';
  /** Runs over more than one paragraph. */
  isMultiParagraph: boolean;
  /** No closing mark before the end of the paragraph: closed there. */
  isUnclosed: boolean;
}

const OPENERS = new Set(['\u201c', '\u00ab', '\u201e']); // “ « „
const CLOSERS = new Set(['\u201d', '\u00bb']); // ” »
const WORD_RE = /[\p{L}\p{N}]/u;
const SPACE_RE = /\s/;

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && WORD_RE.test(c);
}

function trimEnd(view: string, start: number, end: number): number {
  let e = end;
  while (e > start && SPACE_RE.test(view[e - 1] ?? '')) e--;
  return e;
}

/**
 * Double-quoted passages of `text` (`view` is `matchView(text)`), in text order.
 * @param text article text, to tell “ from ” (the view makes both `"`)
 */
export function findDoubleQuotes(text: string, view: string): QuoteMarks[] {
  const out: QuoteMarks[] = [];
  let open = -1;
  let isMulti = false;
  let lastClose = -2;
  // Inside the open quote: curly single quotes still open (‘…), and double quotes opened inside
  // them (“a ‘b “c” b’ a”): the third level's closer must not close the first.
  let singleDepth = 0;
  let nestedDepth = 0;
  const emit = (end: number, close: number, isUnclosed: boolean) => {
    const e = trimEnd(view, open + 1, end);
    if (e > open + 1) {
      out.push({ start: open + 1, end: e, open, close, style: 'double', isMultiParagraph: isMulti, isUnclosed });
    }
    open = -1;
    isMulti = false;
    singleDepth = 0;
    nestedDepth = 0;
  };
  for (let i = 0; i < view.length; i++) {
    const c = view[i];
    if (c === '\n') {
      if (open < 0) continue;
      let j = i;
      while (j < view.length && SPACE_RE.test(view[j] ?? '')) j++;
      // Next paragraph opens with a mark: the quote carries on (news convention for long quotes).
      if (view[j] === '"' && !CLOSERS.has(text[j] ?? '') && isWordChar(view[j + 1])) {
        isMulti = true;
        i = j;
        continue;
      }
      emit(i, i, true);
      continue;
    }
    if (c === "'" && open >= 0) {
      if (text[i] === '\u2018') singleDepth++;
      else if (text[i] === '\u2019' && singleDepth > 0 && !isWordChar(view[i + 1])) singleDepth--;
      continue;
    }
    if (c !== '"') continue;
    const orig = text[i] ?? '';
    const prev = view[i - 1];
    const next = view[i + 1];
    if (open < 0) {
      // Doubled closing mark: `retreat.””` or `retreat."" he said`.
      if (i - lastClose <= 1 || (i - lastClose === 2 && /[.,;:!?]/.test(view[i - 1] ?? ''))) continue;
      if (CLOSERS.has(orig)) {
        // A closer used as an opener by a broken page: only when it clearly starts words.
        if (!(isWordChar(next) && (prev === undefined || SPACE_RE.test(prev) || prev === '('))) continue;
      } else if (next === undefined || SPACE_RE.test(next)) {
        continue; // a lone straight mark followed by space: an inch sign or debris
      }
      open = i;
      continue;
    }
    if (OPENERS.has(orig) && singleDepth > 0) {
      nestedDepth++; // a quote inside a quote inside this one
      continue;
    }
    if (CLOSERS.has(orig) && nestedDepth > 0) {
      nestedDepth--;
      continue;
    }
    if (OPENERS.has(orig) && !(isWordChar(prev) || /[.,!?]/.test(prev ?? ''))) {
      // A second opener in the same paragraph: the first quote was never closed.
      emit(i, i, true);
      open = i;
      continue;
    }
    emit(i, i + 1, false);
    lastClose = i;
  }
  if (open >= 0) emit(view.length, view.length, true);
  return out;
}

/**
 * Single-quoted passages (‘…’ or '…'), leaving apostrophes alone: an opener follows a space or the
 * start and precedes a letter; a closer follows a non-space and is not followed by a letter, so
 * "Morrow’s" and "don't" never pair. A plural possessive ("soldiers’ families") is skipped when a
 * lower-case word follows. Unclosed single quotes are dropped silently: they are usually stray
 * apostrophes ('90s, 'tis).
 */
export function findSingleQuotes(text: string, view: string, maxLength = 600): QuoteMarks[] {
  const out: QuoteMarks[] = [];
  let i = view.indexOf("'");
  while (i >= 0) {
    const orig = text[i];
    const prev = view[i - 1];
    const isOpener =
      orig !== '\u2019' &&
      isWordChar(view[i + 1]) &&
      (prev === undefined || SPACE_RE.test(prev) || /[("\-/[]/.test(prev));
    if (!isOpener) {
      i = view.indexOf("'", i + 1);
      continue;
    }
    let close = -1;
    const limit = Math.min(view.length, i + maxLength);
    for (let j = view.indexOf("'", i + 1); j >= 0 && j < limit; j = view.indexOf("'", j + 1)) {
      if (view.slice(i, j).includes('\n')) break;
      if (text[j] === '\u2018') break;
      const before = view[j - 1];
      const after = view[j + 1];
      if (before === undefined || SPACE_RE.test(before) || isWordChar(after)) continue;
      // "the soldiers’ families": a plural possessive, not a closing mark.
      if (before === 's' && after === ' ' && /[a-z]/.test(view[j + 2] ?? '')) continue;
      close = j;
      break;
    }
    if (close < 0) {
      i = view.indexOf("'", i + 1);
      continue;
    }
    out.push({
      start: i + 1,
      end: close,
      open: i,
      close: close + 1,
      style: 'single',
      isMultiParagraph: false,
      isUnclosed: false,
    });
    i = view.indexOf("'", close + 1);
  }
  return out;
}

/**
 * All quoted passages, double and single, in text order. A passage inside another (a quote within a
 * quote) is dropped: it belongs to the outer speaker.
 */
export function findQuoteMarks(text: string, view: string): QuoteMarks[] {
  const all = [...findDoubleQuotes(text, view), ...findSingleQuotes(text, view)].sort(
    (a, b) => a.open - b.open || b.close - a.close,
  );
  const out: QuoteMarks[] = [];
  let outerEnd = -1;
  for (const q of all) {
    if (q.open < outerEnd) continue;
    out.push(q);
    outerEnd = q.close;
  }
  return out;
}
