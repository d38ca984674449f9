/** A handful of the plain-text cleaning set (bench/cleaning) with exact expectations; the bench scores all of it. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scoreLineRemovals } from '../../../bench/extract-metric.js';
import { extractArticle } from './index.js';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bench/cleaning');
const file = (prefix: string) => {
  const name = readdirSync(DIR).find((f) => f.startsWith(prefix) && !f.endsWith('.expected.txt')) as string;
  return {
    input: readFileSync(path.join(DIR, name), 'utf8'),
    expected: readFileSync(path.join(DIR, name.replace(/\.txt$/, '.expected.txt')), 'utf8').trim(),
  };
};
const extract = (content: string) =>
  extractArticle({ origin: 'cleaning', content, mediaType: 'text/plain', contentHash: 'e'.repeat(64), meta: {} });

describe('plain-text cleaning set', () => {
  it.each(['01-', '05-', '09-', '20-', '29-', '34-'])('cleans %s exactly', (prefix) => {
    const { input, expected } = file(prefix);
    const { article } = extract(input);
    expect(article?.text).toBe(expected);
    const score = scoreLineRemovals(input, expected, article?.text ?? '');
    expect(score.falseRemovals + score.missedRemovals).toBe(0);
  });

  it('takes the title from the top even under a shouted location label, and removes its repeats', () => {
    const { input } = file('20-');
    const { article } = extract(input);
    expect(article?.title).toBe('Orsk Island gets first wind turbine');
    expect(article?.removed.filter((r) => r.reason === 'extract/repeated-title').length).toBeGreaterThan(0);
    expect(article?.removed.some((r) => r.reason === 'extract/category-label' && r.text === 'LINDGATE')).toBe(true);
  });

  it('marks a paywalled file truncated and finds the title standing at the end', () => {
    const paywalled = extract(file('01-').input).article;
    expect(paywalled?.status).toBe('truncated');
    const titleAtEnd = extract(file('04-').input).article;
    expect(titleAtEnd?.title).toBe('Alvanian central bank holds interest rate');
    expect(titleAtEnd?.text.endsWith('interest rate')).toBe(false);
  });

  it('cuts the inline teaser, caption and save prompt out of a one-paragraph article and records them', () => {
    const { input, expected } = file('05-');
    const { article } = extract(input);
    expect(article?.text).toBe(expected);
    const reasons = article?.removed.map((r) => r.reason) ?? [];
    expect(reasons).toEqual(
      expect.arrayContaining(['extract/related-links', 'extract/caption', 'extract/photo-credit']),
    );
  });
});
