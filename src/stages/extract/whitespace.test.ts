import { describe, expect, it } from 'vitest';
import { normalizeWhitespace } from '../../core/text.js';
import { isNormalizedWhitespace, normalizedWhitespace } from './whitespace.js';

/** Small deterministic generator, so a failure can be replayed. */
function* messyStrings(count: number): Generator<string> {
  const pieces = [
    'a',
    'Bé',
    ' ',
    '  ',
    '\n',
    '\n\n',
    '\n\n\n',
    '\r\n',
    '\t',
    '\u00a0',
    '\u2009',
    '\u3000',
    '\u200b',
    '\ufeff',
    '\u2028',
    '\v',
    '\f',
    'x.',
  ];
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed;
  };
  for (let k = 0; k < count; k++) {
    let s = '';
    const len = next() % 9;
    for (let i = 0; i < len; i++) s += pieces[next() % pieces.length];
    yield s;
  }
}

describe('normalizedWhitespace', () => {
  it('says a text is normal exactly when normalizeWhitespace would leave it as it is', () => {
    const wrong: string[] = [];
    for (const s of messyStrings(50_000)) {
      const normal = normalizeWhitespace(s);
      if (isNormalizedWhitespace(s) !== (normal === s) || normalizedWhitespace(s) !== normal) wrong.push(s);
    }
    expect(wrong).toEqual([]);
  });

  it('keeps a clean article as it is and normalises a scraped one', () => {
    const clean = 'Floods hit Kalmar\n\nThe river rose 3 m overnight.\nResidents left.';
    expect(normalizedWhitespace(clean)).toBe(clean);
    expect(normalizedWhitespace(' Floods\u00a0hit  Kalmar \r\n\r\n\r\nThe river\u200b rose. ')).toBe(
      'Floods hit Kalmar\n\nThe river rose.',
    );
  });
});
