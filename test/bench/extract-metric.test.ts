import { describe, expect, it } from 'vitest';
import { bootstrap, scoreCorpus, scorePage, shingles, tokenize } from '../../bench/extract-metric.js';

describe('tokenize (Python \\w+)', () => {
  it.each([
    ['a b,cd:e(foo,bar)', ['a', 'b', 'cd', 'e', 'foo', 'bar']],
    ['snake_case and 42.5%', ['snake_case', 'and', '42', '5']],
    ['Ünïcode Straße ½ Ⅻ', ['Ünïcode', 'Straße', '½', 'Ⅻ']],
    // A combining mark (U+0301) separates tokens, as in Python's re.
    ['cafe\u0301 x', ['cafe', 'x']],
    ['東京都。大阪', ['東京都', '大阪']],
    ['', []],
    ['  — ', []],
  ])('%j', (text, tokens) => {
    expect(tokenize(text)).toEqual(tokens);
  });

  it('treats null and undefined as empty', () => {
    expect(tokenize(null)).toEqual([]);
    expect(tokenize(undefined)).toEqual([]);
  });
});

describe('shingles', () => {
  it('takes every 4-token window, counting repeats', () => {
    const s = shingles(tokenize('a b c d a b c d'));
    expect([...s.values()].reduce((x, y) => x + y, 0)).toBe(5);
    expect(s.get(['a', 'b', 'c', 'd'].join('\u0001'))).toBe(2);
  });

  it('gives one short shingle for 1 to 3 tokens and none for 0', () => {
    expect([...shingles(['x', 'y']).entries()]).toEqual([['x\u0001y', 1]]);
    expect(shingles([]).size).toBe(0);
  });
});

describe('scorePage', () => {
  it('is perfect on an identical text whatever the punctuation', () => {
    const s = scorePage('One two three four five.', 'One, two; three — four (five)');
    expect(s).toMatchObject({ tp: 2, fp: 0, fn: 0, precision: 1, recall: 1, f1: 1, exact: true });
  });

  it('counts extra shingles as false positives and missing ones as false negatives', () => {
    // truth: 6 tokens = 3 shingles; prediction adds 2 boilerplate tokens at the front = 5 shingles.
    const s = scorePage('the cat sat on the mat', 'Menu Home the cat sat on the mat');
    expect(s).toMatchObject({ tp: 3, fp: 2, fn: 0, recall: 1, exact: false });
    expect(s.precision).toBeCloseTo(3 / 5);
    const cut = scorePage('the cat sat on the mat', 'the cat sat on');
    expect(cut).toMatchObject({ tp: 1, fp: 0, fn: 2, precision: 1 });
    expect(cut.recall).toBeCloseTo(1 / 3);
  });

  it('keeps case and uses the multiset minimum for repeats', () => {
    expect(scorePage('a b c d', 'A b c d')).toMatchObject({ tp: 0, fp: 1, fn: 1 });
    expect(scorePage('a b c d', 'a b c d a b c d')).toMatchObject({ tp: 1, fp: 4, fn: 0 });
  });

  it('leaves precision undefined for an empty prediction', () => {
    expect(scorePage('some words of truth here', '')).toMatchObject({ precision: null, recall: 0, f1: 0 });
    expect(scorePage('some words of truth here', null).precision).toBeNull();
  });
});

describe('scoreCorpus', () => {
  it('averages precision over non-empty predictions only and takes F1 of the means', () => {
    const pages = [
      scorePage('a b c d e', 'a b c d e'), // P 1, R 1
      scorePage('a b c d e', 'x a b c d e'), // P 2/3, R 1
      scorePage('a b c d e', ''), // P none, R 0
    ];
    const c = scoreCorpus(pages);
    expect(c.precision).toBeCloseTo((1 + 2 / 3) / 2);
    expect(c.recall).toBeCloseTo(2 / 3);
    expect(c.f1).toBeCloseTo((2 * c.precision * c.recall) / (c.precision + c.recall));
    expect(c.accuracy).toBeCloseTo(1 / 3);
    expect(c.pages).toBe(3);
  });

  it('has no spread when every page scores the same, and repeats with a seed', () => {
    const same = [scorePage('a b c d', 'a b c d'), scorePage('e f g h', 'e f g h')];
    expect(bootstrap(same, 50).f1).toBe(0);
    const mixed = [scorePage('a b c d e', 'a b c d e'), scorePage('a b c d e', 'z z z z')];
    expect(bootstrap(mixed, 50, 7)).toEqual(bootstrap(mixed, 50, 7));
    expect(bootstrap(mixed, 50, 7).recall).toBeGreaterThan(0);
  });
});
