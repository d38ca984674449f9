import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../core/random.js';
import { findDuplicates } from '../dedupe/index.js';
import { buildArticle, sampleCorpus } from '../fixtures.js';
import { clusterStories } from './index.js';

/** Deterministic shuffle (mulberry32), so a failing order can be replayed. */
function shuffle<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  const rand = seededRandom(seed);
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

  it('keeps an early follow-up in its story when a later report bridges it', () => {
    const union = { text: 'Harbour Workers Union', type: 'organization' } as const;
    const port = { text: 'Port Alden', type: 'place' } as const;
    const walkout = buildArticle({
      id: 'm1',
      date: '2024-05-01',
      title: 'Dockers walk out at Port Alden over night-shift pay',
      text: 'PORT ALDEN - Dock workers at Port Alden walked off the job on Monday, halting grain ships in a dispute over night-shift pay. The Harbour Workers Union said cranes stood idle and pickets blocked the main gate.',
      entities: [port, union],
    });
    const offer = buildArticle({
      id: 'm2',
      date: '2024-05-02',
      title: 'Shipping employers table new wage offer to end stoppage',
      text: 'The shipping employers association tabled a new wage offer on Tuesday, proposing a bonus for night shifts and a review of rosters. Employers said the wage offer, the bonus for night shifts and the review of rosters were final, and urged the Harbour Workers Union to accept the offer in a vote.',
      entities: [union],
    });
    const deal = buildArticle({
      id: 'm3',
      date: '2024-05-03',
      title: 'Port Alden strike ends as dockers accept employers wage offer',
      text: 'PORT ALDEN - Dock workers at Port Alden voted on Wednesday to accept the employers wage offer, ending the strike over night-shift pay. The Harbour Workers Union said pickets would leave the main gate and cranes would restart, while employers said the bonus for night shifts and the review of rosters were final.',
      entities: [port, union],
    });
    const all = [...corpus, walkout, offer, deal];
    for (const seed of [1, 2]) {
      const shuffled = shuffle(all, seed);
      const result = clusterStories(shuffled, findDuplicates(shuffled));
      expect(result.find((s) => s.articles.includes('m2'))?.articles).toEqual(['m1', 'm2', 'm3']);
    }
  });

  it('orders events by date and joins same-day reports of one happening', () => {
    const text = (outlet: string) =>
      `${outlet} - Employers and the Harbour Workers Union signed a pay deal on Friday, ending the Port Alden dock strike after nine days. Workers get a night-shift bonus and a pay rise over two years.`;
    const arts = [
      buildArticle({
        id: 'e3',
        date: '2024-03-16',
        title: 'Port Alden dock strike ends with pay deal',
        text: text('PORT ALDEN'),
      }),
      buildArticle({
        id: 'e4',
        date: '2024-03-16',
        title: 'Pay deal ends Port Alden dock strike',
        text: text('LINDGATE'),
      }),
      ...corpus.slice(6, 8),
    ];
    const strike = clusterStories(arts, []).find((s) => s.articles.includes('e3'));
    expect(strike?.events.map((e) => e.date)).toEqual(['2024-03-11', '2024-03-13', '2024-03-16']);
    expect(strike?.events[2]?.articles).toEqual(['e3', 'e4']);
  });

  it('labels a story with a headline when the title is site chrome', () => {
    const arts = corpus.slice(6, 8).map((a) => ({ ...a, title: 'Markets · Companies · Economy · World · Opinion' }));
    const [story] = clusterStories(arts, []);
    expect(story?.title).not.toMatch(/·/);
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
