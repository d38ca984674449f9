import { describe, expect, it } from 'vitest';
import type { Duplicate } from '../../core/corpus.js';
import { copyEdits, syndicationLineage } from './lineage.js';

const WIRE = [
  'Port workers in Salvik walked out at dawn on Monday, halting the loading of grain ships for the second time this month.',
  'The dockers union said the strike would last forty-eight hours unless the port authority reopened talks on night-shift pay.',
  'A spokesman for the authority said it had made a fair offer and accused the union of holding the harvest to ransom.',
  'Shipping agents estimated that eleven vessels were waiting at anchor outside the harbour by Monday afternoon.',
].join('\n');

const published = (date: string | null) => ({ date, from: null, how: date ? 'metadata' : 'unknown' });

describe('copyEdits', () => {
  it('counts paragraphs added, dropped and changed', () => {
    const paras = WIRE.split('\n');
    const copy = [
      paras[0],
      (paras[1] as string).replace('forty-eight hours', 'two days'),
      paras[3],
      'Local hauliers said lorries were already queuing on the coast road into town.',
    ].join('\n');
    expect(copyEdits(WIRE, copy)).toEqual({ added: 1, dropped: 1, changed: 1 });
    expect(copyEdits(WIRE, WIRE)).toEqual({ added: 0, dropped: 0, changed: 0 });
  });
});

describe('syndicationLineage', () => {
  it('names the earliest version the original, credits the agency and lists each copy with its edits', () => {
    const articles = [
      { id: 'b', text: WIRE.split('\n').slice(0, 3).join('\n'), wire: [], published: published('2026-04-07') },
      { id: 'a', text: WIRE, wire: ['Nordwire'], published: published('2026-04-06') },
      { id: 'c', text: WIRE, wire: [], published: published(null) },
      {
        id: 'z',
        text: 'An unrelated article about a chess tournament in the capital.',
        wire: [],
        published: published(null),
      },
    ];
    const duplicates: Duplicate[] = [
      { a: 'a', b: 'b', kind: 'syndicated', similarity: 0.75 },
      { a: 'a', b: 'c', kind: 'exact', similarity: 1 },
    ];
    const [group, ...rest] = syndicationLineage(articles, duplicates);
    expect(rest).toEqual([]);
    expect(group?.original).toBe('a');
    expect(group?.agency).toEqual(['Nordwire']);
    expect(group?.copies).toEqual([
      { article: 'b', kind: 'syndicated', similarity: 0.75, edits: { added: 0, dropped: 1, changed: 0 } },
      { article: 'c', kind: 'exact', similarity: 1, edits: { added: 0, dropped: 0, changed: 0 } },
    ]);
  });
});
