import { expect } from 'vitest';
import type { Article, NewsDoc } from '../../src/core/doc.js';
import { splitSentences, tokenize } from '../../src/core/text.js';

/** A clean article around `text`, for stage tests. */
export function articleOf(text: string, fields: Partial<Article> = {}): Article {
  return {
    id: 'a_test',
    origin: 'test.txt',
    contentHash: 'test',
    site: null,
    title: null,
    published: { date: null, from: null, to: null, how: 'unknown' },
    language: 'en',
    wire: [],
    author: null,
    text,
    removed: [],
    ...fields,
  };
}

/** A NewsDoc with sentences and tokens already annotated. */
export function docOf(text: string, fields: Partial<Article> = {}): NewsDoc {
  return {
    article: articleOf(text, fields),
    layers: { sentences: splitSentences(text), tokens: tokenize(text) },
    diagnostics: [],
  };
}

/** Assert an item's span is where `expected` sits in `text`, and its `text` field agrees. */
export function expectSpan(text: string, item: { start: number; end: number; text?: string }, expected: string): void {
  expect(text.slice(item.start, item.end)).toBe(expected);
  if (item.text !== undefined) expect(item.text).toBe(expected);
}
