import { describe, expect, it } from 'vitest';
import type { Conflict, CorpusArticle, Story } from '../../core/corpus.js';
import { clusterStories } from '../cluster/index.js';
import { findDuplicates } from '../dedupe/index.js';
import { buildArticle, type ClaimSpec, sampleCorpus } from '../fixtures.js';
import { claimInterval, claimsAgree, findConflicts } from './index.js';

function run(articles: CorpusArticle[]): Conflict[] {
  const dups = findDuplicates(articles);
  return findConflicts(articles, clusterStories(articles, dups), dups);
}

/** Every evidence item points at its text. */
function expectEvidence(articles: CorpusArticle[], conflicts: Conflict[]): void {
  const byId = new Map(articles.map((a) => [a.id, a]));
  for (const c of conflicts) {
    for (const e of c.items) expect(byId.get(e.article)?.text.slice(e.start, e.end)).toBe(e.text);
  }
}

const oneStory = (ids: string[]): Story[] => [
  { storyId: 's_x', title: 'x', articles: ids, independentSources: ids.length, events: [] },
];

function pairOfClaims(x: ClaimSpec & { sentence: string }, y: ClaimSpec & { sentence: string }): CorpusArticle[] {
  return [
    buildArticle({ id: 'c1', site: 'Northgate Herald', date: '2024-03-12', text: x.sentence, claims: [x] }),
    buildArticle({ id: 'c2', site: 'Valdoria Today', date: '2024-03-12', text: y.sentence, claims: [y] }),
  ];
}

describe('findConflicts: numbers', () => {
  const corpus = sampleCorpus();
  const conflicts = run(corpus);

  it('finds 40,000 vs 55,000 troops between independent sources', () => {
    const numbers = conflicts.filter((c) => c.kind === 'number' && c.storyId === 's_000000000001');
    expect(numbers).toHaveLength(1);
    expect(numbers[0]?.summary).toBe(
      'troops: 40,000 (Northgate Herald, claimed by Defence Ministry) vs as many as 55,000 (Valdoria Today, according to observer mission)',
    );
    expect(numbers[0]?.storyId).toBe('s_000000000001');
    expect(numbers[0]?.items.map((e) => [e.article, e.text])).toEqual([
      ['a_000000000001', '40,000 troops'],
      ['a_000000000002', '40,000 troops'],
      ['a_000000000004', '40,000 troops'],
      ['a_000000000005', '55,000 soldiers'],
      ['a_000000000006', 'about 40,000 troops'],
      ['a_000000000003', '40,000 troops'],
    ]);
    expectEvidence(corpus, conflicts);
  });

  it('treats ranges and open bounds as intervals', () => {
    expect(claimInterval({ value: 300, valueMax: 400, approx: 'between' })).toEqual([300, 400]);
    expect(claimInterval({ value: 40000, approx: 'more than' })).toEqual([40000, Number.POSITIVE_INFINITY]);
    expect(
      claimsAgree(
        claimInterval({ value: 350, approx: null }),
        claimInterval({ value: 300, valueMax: 400, approx: null }),
      ),
    ).toBe(true);
    expect(
      claimsAgree(claimInterval({ value: 55000, approx: null }), claimInterval({ value: 40000, approx: 'more than' })),
    ).toBe(true);
  });

  it('reports k values as k - 1 conflicts', () => {
    const sentence = (n: number) => `Hospital staff said ${n} people were killed.`;
    const arts = [12, 15, 31].map((n, i) =>
      buildArticle({
        id: `k${i}`,
        site: `Site ${i}`,
        text: sentence(n),
        claims: [{ text: `${n} people`, value: n, unit: 'people' }],
      }),
    );
    const found = findConflicts(arts, oneStory(['k0', 'k1', 'k2']), []);
    expect(found.map((c) => c.summary)).toEqual([
      'people: 12 (Site 0) vs 15 (Site 1)',
      'people: 15 (Site 1) vs 31 (Site 2)',
    ]);
  });

  it('finds two named claimants disagreeing inside one article', () => {
    const strike = conflicts.filter((c) => c.storyId === 's_000000000007');
    expect(strike.map((c) => c.summary)).toEqual([
      'members: 2,300 (Harbour Times, claimed by Harbour Workers Union) vs 1,800 (Harbour Times, claimed by port authority)',
    ]);
    expectEvidence(corpus, strike);
  });

  it('finds a conflict in a small two-source story', () => {
    const arts = pairOfClaims(
      {
        sentence: 'The ministry said 12 people were killed in the blast.',
        text: '12 people',
        value: 12,
        unit: 'people',
      },
      { sentence: 'Hospital staff said 31 people were killed.', text: '31 people', value: 31, unit: 'people' },
    );
    const found = findConflicts(arts, oneStory(['c1', 'c2']), []);
    expect(found.map((c) => c.summary)).toEqual(['people: 12 (Northgate Herald) vs 31 (Valdoria Today)']);
    expectEvidence(arts, found);
  });

  describe('negative cases', () => {
    const cases: Array<[string, ClaimSpec & { sentence: string }, ClaimSpec & { sentence: string }]> = [
      [
        '40,000 vs about 40,000',
        { sentence: 'Valdoria moved 40,000 troops north.', text: '40,000 troops', value: 40000, unit: 'troops' },
        {
          sentence: 'About 40,000 troops moved north.',
          text: 'About 40,000 troops',
          value: 40000,
          unit: 'troops',
          approx: 'about',
        },
      ],
      [
        'rounding: 40,000 vs 41,500',
        { sentence: 'Valdoria moved 40,000 troops north.', text: '40,000 troops', value: 40000, unit: 'troops' },
        { sentence: 'Officers counted 41,500 troops.', text: '41,500 troops', value: 41500, unit: 'troops' },
      ],
      [
        'a value inside a range',
        { sentence: 'Some 350 homes were flooded.', text: '350 homes', value: 350, unit: 'homes' },
        {
          sentence: 'Between 300 and 400 homes were flooded.',
          text: '300 and 400 homes',
          value: 300,
          valueMax: 400,
          unit: 'homes',
        },
      ],
      [
        'different units',
        { sentence: 'Valdoria moved 40,000 troops north.', text: '40,000 troops', value: 40000, unit: 'troops' },
        { sentence: 'Valdoria moved 300 tanks north.', text: '300 tanks', value: 300, unit: 'tanks' },
      ],
      [
        'killed vs injured',
        { sentence: 'At least 12 people were killed.', text: '12 people', value: 12, unit: 'people' },
        { sentence: 'Doctors said 45 people were injured.', text: '45 people', value: 45, unit: 'people' },
      ],
    ];
    it.each(cases)('no conflict: %s', (_name, x, y) => {
      const arts = pairOfClaims(x, y);
      expect(findConflicts(arts, oneStory(['c1', 'c2']), [])).toEqual([]);
    });

    it('no conflict between a toll on Monday and a higher toll four days later (an update)', () => {
      const arts = [
        buildArticle({
          id: 'd1',
          date: '2024-03-11',
          text: 'At least 12 people were killed in the collapse.',
          claims: [{ text: '12 people', value: 12, unit: 'people', approx: 'at least' }],
        }),
        buildArticle({
          id: 'd2',
          date: '2024-03-15',
          text: 'The death toll rose to 9 people, officials said.',
          claims: [{ text: '9 people', value: 9, unit: 'people' }],
        }),
      ];
      expect(findConflicts(arts, oneStory(['d1', 'd2']), [])).toEqual([]);
    });

    it('no conflict between copies of one wire story', () => {
      const arts = pairOfClaims(
        { sentence: 'Valdoria moved 40,000 troops north.', text: '40,000 troops', value: 40000, unit: 'troops' },
        { sentence: 'Valdoria moved 55,000 troops north.', text: '55,000 troops', value: 55000, unit: 'troops' },
      );
      expect(
        findConflicts(arts, oneStory(['c1', 'c2']), [{ a: 'c1', b: 'c2', kind: 'near', similarity: 0.9 }]),
      ).toEqual([]);
    });

    it('no conflict across stories', () => {
      const arts = pairOfClaims(
        { sentence: 'Valdoria moved 40,000 troops north.', text: '40,000 troops', value: 40000, unit: 'troops' },
        { sentence: 'Ostrelia moved 55,000 troops south.', text: '55,000 troops', value: 55000, unit: 'troops' },
      );
      const stories = [...oneStory(['c1']), { ...oneStory(['c2'])[0], storyId: 's_y' } as Story];
      expect(findConflicts(arts, stories, [])).toEqual([]);
    });

    it('no conflict between the same claimant twice in one article', () => {
      const text = 'The union said 2,300 members joined on Monday and 1,800 members joined on Tuesday.';
      const arts = [
        buildArticle({
          id: 'u1',
          text,
          claims: [
            { text: '2,300 members', value: 2300, unit: 'members', claimant: 'union' },
            { text: '1,800 members', value: 1800, unit: 'members', claimant: 'union' },
          ],
        }),
      ];
      expect(findConflicts(arts, oneStory(['u1']), [])).toEqual([]);
    });

    it('no conflict when the numbers count different things (no shared context word)', () => {
      const arts = pairOfClaims(
        { sentence: 'Shares fell 9 percent on Tuesday.', text: '9 percent', value: 9, unit: 'percent' },
        { sentence: 'The union demands a 6 percent pay rise.', text: '6 percent', value: 6, unit: 'percent' },
      );
      expect(findConflicts(arts, oneStory(['c1', 'c2']), [])).toEqual([]);
    });
  });
});

describe('findConflicts: speakers', () => {
  const corpus = sampleCorpus();
  const conflicts = run(corpus).filter((c) => c.kind === 'speaker');

  it('finds the same quote credited to two people', () => {
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]?.summary).toBe(
      '"We are not preparing for war, we are preparing to prevent one," attributed to Tomasz Wrenik (Northgate Herald, Coastal Daily, Valley Courier, Drevno Herald) and Marek Holl (Valdoria Today)',
    );
    expect(conflicts[0]?.storyId).toBe('s_000000000001');
    expect(conflicts[0]?.items).toHaveLength(5);
    expectEvidence(corpus, conflicts);
  });

  it('matches a lightly edited quote', () => {
    const arts = [
      buildArticle({
        id: 'q1',
        site: 'Northgate Herald',
        text: 'Lena Morrow said: "We will rebuild every school in the valley before winter comes."',
        quotes: [{ text: '"We will rebuild every school in the valley before winter comes."', speaker: 'Lena Morrow' }],
      }),
      buildArticle({
        id: 'q2',
        site: 'Valdoria Today',
        text: '"We\'ll rebuild every school in the valley before the winter comes," Piotr Halden said.',
        quotes: [
          { text: '"We\'ll rebuild every school in the valley before the winter comes,"', speaker: 'Piotr Halden' },
        ],
      }),
    ];
    const found = findConflicts(arts, [], []);
    expect(found).toHaveLength(1);
    expect(found[0]?.storyId).toBeNull();
    expect(found[0]?.items.map((e) => e.article)).toEqual(['q1', 'q2']);
    expect(found[0]?.summary).toMatch(/Lena Morrow \(Northgate Herald\) and Piotr Halden \(Valdoria Today\)$/);
    expectEvidence(arts, found);
  });

  describe('negative cases', () => {
    const quote = '"The bridge will reopen on Monday morning,"';
    const make = (id: string, speaker: string | null, speakerId?: string | null) =>
      buildArticle({
        id,
        text: `${quote} the official said.`,
        quotes: [{ text: quote, speaker, ...(speakerId !== undefined ? { speakerId } : {}) }],
      });

    it('same speaker under two spellings with one id', () => {
      const arts = [
        make('n1', 'Tomasz Wrenik', 'person:tomasz-wrenik'),
        make('n2', 'T. Wrenik', 'person:tomasz-wrenik'),
      ];
      expect(findConflicts(arts, [], [])).toEqual([]);
    });

    it('unnamed source vs named speaker', () => {
      const arts = [make('n1', 'a senior official', null), make('n2', 'Lena Morrow')];
      expect(findConflicts(arts, [], [])).toEqual([]);
    });

    it('a stock phrase', () => {
      const short = (id: string, who: string) =>
        buildArticle({ id, text: '"No comment," she said.', quotes: [{ text: '"No comment,"', speaker: who }] });
      expect(findConflicts([short('n1', 'Lena Morrow'), short('n2', 'Ilsa Brandt')], [], [])).toEqual([]);
    });

    it('different quotes', () => {
      const a = make('n1', 'Lena Morrow');
      const b = buildArticle({
        id: 'n2',
        text: '"The tunnel will stay closed until the inspection ends," Ilsa Brandt said.',
        quotes: [{ text: '"The tunnel will stay closed until the inspection ends,"', speaker: 'Ilsa Brandt' }],
      });
      expect(findConflicts([a, b], [], [])).toEqual([]);
    });
  });
});
