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
    const numbers = conflicts.filter((c) => c.kind === 'quantity' && !c.evolution && c.storyId === 's_000000000001');
    expect(numbers).toHaveLength(1);
    expect(numbers[0]?.summary).toBe(
      'troops deployed: 40,000 (Northgate Herald, according to Defence Ministry) vs as many as 55,000 (Valdoria Today, according to observer mission)',
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
        date: '2024-03-12',
        text: sentence(n),
        claims: [{ text: `${n} people`, value: n, unit: 'people' }],
      }),
    );
    const found = findConflicts(arts, oneStory(['k0', 'k1', 'k2']), []);
    expect(found.map((c) => c.summary)).toEqual([
      'deaths: 12 (Site 0) vs 15 (Site 1)',
      'deaths: 15 (Site 1) vs 31 (Site 2)',
    ]);
  });

  it('finds two named claimants disagreeing inside one article', () => {
    const strike = conflicts.filter((c) => c.storyId === 's_000000000007');
    expect(strike.map((c) => c.summary)).toEqual([
      'workers on strike: 2,300 (Harbour Times, according to Harbour Workers Union) vs 1,800 (Harbour Times, according to port authority)',
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
    expect(found.map((c) => c.summary)).toEqual(['deaths: 12 (Northgate Herald) vs 31 (Valdoria Today)']);
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
      const found = findConflicts(arts, oneStory(['d1', 'd2']), []);
      expect(found.filter((c) => !c.evolution)).toEqual([]);
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

describe('findConflicts: same quantity only', () => {
  type Spec = {
    site?: string;
    date?: string;
    text: string;
    claims: ClaimSpec[];
    times?: Array<{ text: string; value: string }>;
  };
  /** One story of articles built from specs, ids q0, q1… */
  function story(specs: Spec[]): { arts: CorpusArticle[]; found: Conflict[] } {
    const arts = specs.map((spec, i) =>
      buildArticle({ id: `q${i}`, site: spec.site ?? `Site ${i}`, date: spec.date ?? '2026-03-13', ...spec }),
    );
    const found = findConflicts(arts, oneStory(arts.map((a) => a.id)), []);
    expectEvidence(arts, found);
    return { arts, found };
  }

  const positives: Array<[string, Spec[], string]> = [
    [
      'two tolls in one article, two named claimants',
      [
        {
          text: 'The Red Cross said at least 34 people had died, seven more than the official toll of 27 announced by the provincial authorities.',
          claims: [
            {
              text: 'at least 34 people had died',
              value: 34,
              unit: 'deaths',
              claimant: 'Red Cross',
              approx: 'at least',
            },
            { text: '27', value: 27, unit: 'deaths', claimant: 'provincial authorities' },
          ],
        },
      ],
      'deaths: at least 34 (Site 0, according to Red Cross) vs 27 (Site 0, according to provincial authorities)',
    ],
    [
      'displaced: government vs Red Cross',
      [
        {
          text: 'The government puts the number of people who have left their homes at 20,000, while the Red Cross says nearly 35,000 people are sleeping in shelters.',
          claims: [
            { text: '20,000', value: 20000, unit: 'people', claimant: 'government' },
            { text: 'nearly 35,000 people', value: 35000, unit: 'people', claimant: 'Red Cross', approx: 'nearly' },
          ],
        },
      ],
      'people displaced: 20,000 (Site 0, according to government) vs nearly 35,000 (Site 0, according to Red Cross)',
    ],
    [
      'crowd: police vs organisers (anaphora)',
      [
        {
          text: 'Police estimated the crowd at 6,000. The organisers said more than 15,000 people took part.',
          claims: [
            { text: '6,000', value: 6000, unit: 'people', claimant: 'police' },
            {
              text: 'more than 15,000 people',
              value: 15000,
              unit: 'people',
              claimant: 'organisers',
              approx: 'more than',
            },
          ],
        },
      ],
      'crowd size: 6,000 (Site 0, according to police) vs more than 15,000 (Site 0, according to organisers)',
    ],
    [
      'ships waiting: port authority vs union',
      [
        {
          text: 'The port authority said 63 ships were waiting to berth on Monday morning. The union said the queue was more than 80 ships.',
          claims: [
            { text: '63 ships', value: 63, unit: 'ships', claimant: 'port authority' },
            { text: 'more than 80 ships', value: 80, unit: 'ships', claimant: 'union', approx: 'more than' },
          ],
        },
      ],
      'ships waiting: 63 (Site 0, according to port authority) vs more than 80 (Site 0, according to union)',
    ],
    [
      'the fine, by two outlets on one day',
      [
        {
          site: 'Global Ledger',
          text: 'The regulator has imposed a provisional fine of €240mn ($262mn) on Quillon.',
          claims: [{ text: '€240mn', value: 240e6, unit: 'EUR' }],
        },
        {
          site: 'The Meridian Post',
          text: 'The authority has fined Quillon a record 260 million euros over the cyberattack.',
          claims: [{ text: '260 million euros', value: 260e6, unit: 'EUR' }],
        },
      ],
      'fine: €240 million (Global Ledger) vs €260 million (The Meridian Post)',
    ],
    [
      'the pay deal, by two outlets on one day',
      [
        {
          text: 'The agreement gives workers a pay rise of 6.5% spread over two years, the union said.',
          claims: [{ text: '6.5%', value: 6.5, unit: 'percent', claimant: 'union' }],
        },
        {
          text: 'Dockworkers ended the strike after employers accepted a 7% pay rise over two years.',
          claims: [{ text: '7%', value: 7, unit: 'percent' }],
        },
      ],
      'pay deal: 6.5% (Site 0, according to union) vs 7% (Site 1)',
    ],
    [
      'a recap dated by its own sentence against a figure of that day',
      [
        {
          date: '2026-03-10',
          text: 'Kestria has moved about 40,000 troops to the border, the ministry said on Monday.',
          claims: [
            { text: 'about 40,000 troops', value: 40000, unit: 'troops', claimant: 'ministry', approx: 'about' },
          ],
        },
        {
          date: '2026-03-10',
          text: 'Kestria said fewer than 15,000 servicemen are taking part in the exercises.',
          claims: [{ text: 'fewer than 15,000 servicemen', value: 15000, unit: 'troops', approx: 'fewer than' }],
        },
      ],
      'troops deployed: about 40,000 (Site 0, according to ministry) vs fewer than 15,000 (Site 1)',
    ],
  ];
  it.each(positives)('conflict: %s', (_name, specs, summary) => {
    expect(story(specs).found.map((c) => c.summary)).toEqual([summary]);
  });

  const negatives: Array<[string, Spec[]]> = [
    [
      'offer, demand and deal in one article are different quantities',
      [
        {
          text: 'Employers had offered 4%, while the union demanded 9%. The final deal gives a 6.5% pay rise.',
          claims: [
            { text: '4%', value: 4, unit: 'percent', claimant: 'employers' },
            { text: '9%', value: 9, unit: 'percent', claimant: 'union' },
            { text: '6.5%', value: 6.5, unit: 'percent', claimant: 'mediator' },
          ],
        },
      ],
    ],
    [
      'a fine and the legal maximum',
      [
        {
          text: 'Aalst said the fine of €240mn had been set below the legal maximum of about €300mn.',
          claims: [
            { text: '€240mn', value: 240e6, unit: 'EUR', claimant: 'regulator' },
            { text: 'about €300mn', value: 300e6, unit: 'EUR', claimant: 'Pieter Aalst', approx: 'about' },
          ],
        },
      ],
    ],
    [
      'share moves are changes, not levels',
      [
        {
          text: 'Shares in Quillon have fallen 18% since Tuesday.',
          claims: [{ text: '18%', value: 18, unit: 'percent' }],
        },
        {
          text: 'Quillon shares have now lost 21% since Tuesday.',
          claims: [{ text: '21%', value: 21, unit: 'percent' }],
        },
      ],
    ],
    [
      'an initial offer against the current one',
      [
        { text: 'Employers had initially offered 4% in January.', claims: [{ text: '4%', value: 4, unit: 'percent' }] },
        { text: 'Employers have now offered 5% over two years.', claims: [{ text: '5%', value: 5, unit: 'percent' }] },
      ],
    ],
    [
      'a delta ("two more people") against the toll',
      [
        {
          text: 'The agency raised the death toll to 41, after the bodies of two more people were found.',
          claims: [
            { text: '41', value: 41, unit: 'deaths', claimant: 'agency' },
            { text: 'two more people', value: 2, unit: 'people', claimant: 'police' },
          ],
        },
      ],
    ],
    [
      'a cue in the next clause belongs to the nearer claim of its kind',
      [
        {
          text: 'The port authority said 63 ships were waiting offshore, and that three cruise ships had cancelled.',
          claims: [
            { text: '63 ships', value: 63, unit: 'ships', claimant: 'port authority' },
            { text: 'three cruise ships', value: 3, unit: 'ships', claimant: 'harbour master' },
          ],
        },
      ],
    ],
    [
      'strikers and marchers are different crowds',
      [
        {
          text: 'The union said 12,000 members had joined the strike.',
          claims: [{ text: '12,000 members', value: 12000, unit: 'members' }],
        },
        {
          text: 'More than 15,000 people took part in the march.',
          claims: [{ text: '15,000 people', value: 15000, unit: 'people' }],
        },
      ],
    ],
    [
      'the same claimant a day later is an update',
      [
        {
          date: '2026-03-11',
          text: 'The agency said 19 people had died.',
          claims: [{ text: '19 people', value: 19, unit: 'people', claimant: 'agency' }],
        },
        {
          date: '2026-03-12',
          text: 'The agency said 27 people had died.',
          claims: [{ text: '27 people', value: 27, unit: 'people', claimant: 'agency' }],
        },
      ],
    ],
    [
      'an undated article is compared only with itself',
      [
        { text: 'Officially, 27 people have died.', claims: [{ text: '27 people', value: 27, unit: 'deaths' }] },
        {
          date: '',
          text: 'Twelve people were killed.',
          claims: [{ text: 'Twelve people', value: 12, unit: 'people' }],
        },
      ],
    ],
    [
      'a number without a frame',
      [
        {
          text: 'The company employs 150 people in Merida City.',
          claims: [{ text: '150 people', value: 150, unit: 'people' }],
        },
        {
          text: 'The company employs 400 people in Lindgate.',
          claims: [{ text: '400 people', value: 400, unit: 'people' }],
        },
      ],
    ],
    [
      'vague magnitudes',
      [
        {
          text: 'Tens of thousands of troops massed on the border.',
          claims: [{ text: 'Tens of thousands of troops', value: 20000, unit: 'troops', approx: 'tens of thousands' }],
        },
        {
          text: 'Fewer than 15,000 servicemen are taking part.',
          claims: [{ text: 'Fewer than 15,000 servicemen', value: 15000, unit: 'troops', approx: 'fewer than' }],
        },
      ],
    ],
  ];
  it.each(negatives)('no conflict: %s', (_name, specs) => {
    expect(story(specs).found.filter((c) => !c.evolution)).toEqual([]);
  });

  it('a figure updated day after day is one evolution, in time order, with each day', () => {
    const { found } = story([
      {
        date: '2026-03-13',
        text: 'The agency said 27 people had died.',
        claims: [{ text: '27 people', value: 27, unit: 'people', claimant: 'agency' }],
      },
      {
        date: '2026-03-11',
        text: 'The agency said 19 people had died.',
        claims: [{ text: '19 people', value: 19, unit: 'people', claimant: 'agency' }],
      },
      {
        date: '2026-03-11',
        text: 'Officials said 19 people were killed.',
        claims: [{ text: '19 people', value: 19, unit: 'people' }],
      },
    ]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'quantity', evolution: true });
    expect(found[0]?.items.map((e) => [e.date, e.text])).toEqual([
      ['2026-03-11', '19 people'],
      ['2026-03-13', '27 people'],
    ]);
    expect(found[0]?.summary).toBe(
      'deaths over time: 2026-03-11: 19 (Site 1, according to agency) → 2026-03-13: 27 (Site 0, according to agency)',
    );
  });

  it('figures that jump up and down across days are disputes, never an evolution', () => {
    const { found } = story([
      {
        date: '2026-03-11',
        text: 'Officials said 40 people were killed.',
        claims: [{ text: '40 people', value: 40, unit: 'people', claimant: 'officials' }],
      },
      {
        date: '2026-03-12',
        text: 'Medics said 12 people were killed.',
        claims: [{ text: '12 people', value: 12, unit: 'people', claimant: 'medics' }],
      },
      {
        date: '2026-03-13',
        text: 'Officials said 45 people were killed.',
        claims: [{ text: '45 people', value: 45, unit: 'people', claimant: 'officials' }],
      },
    ]);
    expect(found.some((c) => c.evolution)).toBe(false);
  });
});

describe('findConflicts: speakers', () => {
  const corpus = sampleCorpus();
  const conflicts = run(corpus).filter((c) => c.kind === 'attribution');

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
