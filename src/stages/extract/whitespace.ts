/**
 * `normalizeWhitespace` (core/text.ts) without its cost when there is nothing to do: it runs four
 * regex passes and a split/map/join over the whole text, twice per article, while text coming out
 * of the HTML walk or the cleaner is almost always normalised already. One scan tells.
 */
import { normalizeWhitespace } from '../../core/text.js';

/** `normalizeWhitespace(text)`, returning `text` itself when it is already normal. */
export function normalizedWhitespace(text: string): string {
  return isNormalizedWhitespace(text) ? text : normalizeWhitespace(text);
}

/** Whether `normalizeWhitespace(text) === text`. */
export function isNormalizedWhitespace(text: string): boolean {
  const n = text.length;
  if (n === 0) return true;
  if (isJsSpace(text.charCodeAt(0)) || isJsSpace(text.charCodeAt(n - 1))) return false;
  let newlines = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      // At most one blank line; no line starts or ends with a space `trim` would remove.
      if (++newlines >= 3) return false;
      const before = text.charCodeAt(i - 1);
      const after = text.charCodeAt(i + 1);
      if ((before !== 10 && isJsSpace(before)) || (after !== 10 && isJsSpace(after))) return false;
      continue;
    }
    newlines = 0;
    if (c === 32) {
      if (text.charCodeAt(i + 1) === 32) return false;
      continue;
    }
    if (c === 13 || c === 9 || c === 0xa0 || c === 0x2007 || c === 0x2009 || c === 0x200a || c === 0x202f) return false;
    if (c === 0x3000 || c === 0x200b || c === 0x200c || c === 0x200d || c === 0xfeff) return false;
  }
  return true;
}

/** `\s` of JavaScript regexes, which is also what `String.prototype.trim` removes. */
export function isJsSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
