import { describe, expect, it } from 'vitest';
import { findDuplicates } from '../dedupe/index.js';
import { buildArticle, sampleCorpus } from '../fixtures.js';
import { clusterStories } from './index.js';

/** Deterministic shuffle (mulberry32), so a failing order can be replayed. */
function shuffle<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed;
  const rand = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('clusterStories', () => {
  const corpus = sampleCorpus();
  const dups = findDuplicates(corpus);
  const stories = clusterStories(corpus, dups);
  const storyOf = (id: string) => stories.find((s) => s.articles.includes(id));

  it('puts the wire copies, the rival report and the follow-up in one story', () => {
    const border = storyOf('a_000000000001');
    expect(border?.articles).toEqual([
      'a_000000000001',
      'a_000000000002',
      'a_000000000004',
      'a_000000000005',
      'a_000000000006',
      'a_000000000003', // undated copy: last
    ]);
    expect(border?.storyId).toBe('s_000000000001');
  });

  it('counts each group of copies once as a source', () => {
    // wire group (001-004), the rival report (005), the follow-up (006)
    expect(storyOf('a_000000000001')?.independentSources).toBe(3);
  });

  it('keeps the port strike apart and together', () => {
    const strike = storyOf('a_000000000007');
    expect(strike?.articles).toEqual(['a_000000000007', 'a_000000000008']);
    expect(strike?.independentSources).toBe(2);
    expect(strike?.storyId).toBe('s_000000000007');
  });

  it('leaves unrelated articles alone', () => {
    expect(storyOf('a_000000000009')?.articles).toEqual(['a_000000000009']);
    expect(storyOf('a_000000000010')?.articles).toEqual(['a_000000000010']);
    expect(stories).toHaveLength(4);
  });

  it('splits a story into dated events', () => {
    const border = storyOf('a_000000000001');
    expect(border?.events).toEqual([
      {
        eventId: 'e_000000000001',
        title: 'Valdoria sends 40,000 troops to Ostrelian border',
        date: '2024-03-12',
        articles: ['a_000000000001', 'a_000000000002', 'a_000000000004', 'a_000000000005', 'a_000000000003'],
      },
      {
        eventId: 'e_000000000006',
        title: 'Valdoria starts pulling troops back from border',
        date: '2024-03-14',
        articles: ['a_000000000006'],
      },
    ]);
  });

  it('titles a story with its most central article', () => {
    expect(typeof storyOf('a_000000000001')?.title).toBe('string');
    expect(storyOf('a_000000000009')?.title).toBe('Record crowds at lantern festival');
  });

  it('does not depend on input order', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const shuffled = shuffle(corpus, seed);
      expect(clusterStories(shuffled, findDuplicates(shuffled))).toEqual(stories);
    }
  });

  describe('negative cases', () => {
    it('does not join articles that only share a country', () => {
      // the central bank article names Ostrelia but is about interest rates
      expect(storyOf('a_000000000010')?.articles).toHaveLength(1);
    });

    it('does not join another story from the same capital, days apart', () => {
      const budget = buildArticle({
        id: 'a_00000000000b',
        site: 'Karven Post',
        title: 'Valdorian parliament passes budget after all-night session',
        date: '2024-03-13',
        text: [
          "KARVEN, Valdoria - The Valdorian parliament approved next year's budget early on Wednesday after an all-night session, with spending on pensions and rail lines rising while farm subsidies were cut.",
          'Finance Minister Adela Kroon said the budget would keep the deficit below three percent, and opposition deputies walked out in protest at the subsidy cuts.',
          "The defence ministry's allocation was unchanged, Kroon said, despite calls from some deputies to fund the army's new hospitals.",
        ].join('\n\n'),
        entities: [
          { text: 'Valdoria', type: 'country', entityId: 'country:VAL' },
          { text: 'Karven', type: 'place' },
          { text: 'Adela Kroon', type: 'person' },
          { text: 'Kroon', type: 'person', name: 'Adela Kroon' },
        ],
      });
      const all = [...corpus, budget];
      const result = clusterStories(all, findDuplicates(all));
      expect(result.find((s) => s.articles.includes(budget.id))?.articles).toEqual([budget.id]);
      expect(result.find((s) => s.articles.includes('a_000000000001'))?.articles).toHaveLength(6);
    });

    it('does not join the same topic months apart', () => {
      const a = corpus[6] as (typeof corpus)[number];
      const late = buildArticle({ id: 'a_late', title: a.title, date: '2024-09-01', text: `${a.text}\n\nUpdate.` });
      const result = clusterStories([a, late], []);
      expect(result).toHaveLength(2);
    });

    it('handles an empty corpus', () => {
      expect(clusterStories([], [])).toEqual([]);
    });
  });
});
