import { describe, expect, it } from 'vitest';
import { articleOf, expectSpan } from '../../../test/helpers/docs.js';
import type { CorpusArticle, Duplicate, Story } from '../../core/corpus.js';
import type { TimeItem } from '../../core/doc.js';
import { buildTimeline, entryText } from './index.js';

/** A corpus article whose `times` are the given [text, value] pairs, found in order in `text`. */
function corpusArticle(id: string, text: string, times: Array<[string, string | null]>): CorpusArticle {
  let from = 0;
  const items: TimeItem[] = times.map(([t, value]) => {
    const start = text.indexOf(t, from);
    if (start < 0) throw new Error(`${t} not in ${id}`);
    from = start + t.length;
    return { kind: 'time', start, end: start + t.length, text: t, value, prov: { stage: 'times', version: 1 } };
  });
  return { ...articleOf(text, { id }), entities: [], quotes: [], claims: [], times: items };
}

function storyOf(storyId: string, articles: string[]): Story {
  return { storyId, title: storyId, articles, independentSources: articles.length, events: [] };
}

const A = corpusArticle(
  'a_wire',
  'KESSAN (Wire) - The Varn dam partly collapsed on Tuesday, flooding three villages, officials said.\n\n' +
    'Engineers had warned about cracks in the dam in January. Rescue teams will return on Friday.',
  [
    ['Tuesday', '2026-03-10'],
    ['January', '2026-01'],
    ['Friday', '2026-03-13'],
  ],
);
const B = corpusArticle(
  'a_daily',
  'Three villages were flooded after the Varn dam partly collapsed on Tuesday, officials said. ' +
    'The regional governor visited the site on Wednesday.',
  [
    ['Tuesday', '2026-03-10'],
    ['Wednesday', '2026-03-11'],
  ],
);
const C = corpusArticle('a_other', 'A cargo ship ran aground near Port Elsin on Tuesday, the coastguard said.', [
  ['Tuesday', '2026-03-10'],
]);

describe('buildTimeline', () => {
  const stories = [storyOf('s_dam', ['a_wire', 'a_daily']), storyOf('s_ship', ['a_other'])];
  const timeline = buildTimeline([A, B, C], stories, []);

  it('merges two articles reporting the same dated event', () => {
    const entry = timeline.find((e) => e.date === '2026-03-10' && e.storyId === 's_dam');
    expect(entry?.articles).toEqual(['a_wire', 'a_daily']);
    expect(entry?.evidence).toHaveLength(2);
    // the dateline "KESSAN (Wire) - " is not part of the entry text (the evidence keeps it)
    expect(entry?.text).toBe('The Varn dam partly collapsed on Tuesday, flooding three villages, officials said.');
    expect(entry?.evidence[0]?.text.startsWith('KESSAN (Wire) - ')).toBe(true);
  });

  it('keeps different dates and different stories apart, sorted by date then story', () => {
    expect(timeline.map((e) => [e.date, e.storyId, e.articles])).toEqual([
      ['2026-01', 's_dam', ['a_wire']],
      ['2026-03-10', 's_dam', ['a_wire', 'a_daily']],
      ['2026-03-10', 's_ship', ['a_other']],
      ['2026-03-11', 's_dam', ['a_daily']],
      ['2026-03-13', 's_dam', ['a_wire']],
    ]);
  });

  it('gives evidence spans that slice to their text', () => {
    const byId = new Map([A, B, C].map((a) => [a.id, a]));
    for (const entry of timeline) {
      for (const ev of entry.evidence) {
        const article = byId.get(ev.article);
        if (!article) throw new Error(ev.article);
        expectSpan(article.text, ev, ev.text);
      }
    }
    const ship = timeline.find((e) => e.storyId === 's_ship');
    expect(ship?.evidence[0]?.text).toBe('A cargo ship ran aground near Port Elsin on Tuesday, the coastguard said.');
  });

  it('sets storyId null for articles outside any story', () => {
    const entries = buildTimeline([C], [], []);
    expect(entries.map((e) => [e.date, e.storyId])).toEqual([['2026-03-10', null]]);
  });

  it('merges reworded copies when the articles are duplicates', () => {
    const copy = corpusArticle(
      'a_copy',
      'Officials confirmed the Varn dam gave way on Tuesday and water reached three villages.',
      [['Tuesday', '2026-03-10']],
    );
    // outside any story, so the lede rule (two ledes of one story and day) does not apply
    const dam: Story[] = [];
    const apart = buildTimeline([A, copy], dam, []).filter((e) => e.date === '2026-03-10');
    expect(apart).toHaveLength(2);
    const duplicates: Duplicate[] = [{ a: 'a_wire', b: 'a_copy', kind: 'syndicated', similarity: 0.7 }];
    const merged = buildTimeline([A, copy], dam, duplicates).filter((e) => e.date === '2026-03-10');
    expect(merged.map((e) => e.articles)).toEqual([['a_wire', 'a_copy']]);
  });

  it('does not fuse two different same-day statements of a copy pair on the copy link alone', () => {
    const text = (id: string) =>
      corpusArticle(
        id,
        'The Varn dam partly collapsed on Tuesday, officials said. ' +
          'Separately, a cargo ship ran aground near Port Elsin on Tuesday.',
        [
          ['Tuesday', '2026-03-10'],
          ['Tuesday', '2026-03-10'],
        ],
      );
    const duplicates: Duplicate[] = [{ a: 'a_one', b: 'a_two', kind: 'exact', similarity: 1 }];
    const entries = buildTimeline([text('a_one'), text('a_two')], [], duplicates);
    expect(entries.map((e) => e.articles)).toEqual([
      ['a_one', 'a_two'],
      ['a_one', 'a_two'],
    ]);
    expect(entries.map((e) => e.evidence.map((ev) => ev.start))).toEqual([
      [0, 0],
      [58, 58],
    ]);
  });

  it('cuts long sentences to about 200 characters at a word boundary', () => {
    const long = `The council voted on Monday to ${'rebuild the flooded school and the bridge over the river '.repeat(6)}before winter.`;
    const article = corpusArticle('a_long', long, [['Monday', '2026-03-09']]);
    const [entry] = buildTimeline([article], [], []);
    expect(entry?.text.length).toBeLessThanOrEqual(200);
    expect(entry?.text.endsWith('…')).toBe(true);
    expect(entry?.evidence[0]?.text).toBe(long);
  });
});

describe('negative cases', () => {
  it('skips year-only and null values and sentences without an event verb', () => {
    const article = corpusArticle(
      'a_neg',
      'The dam was built in 1998, engineers said. A quiet Monday in the valley. The minister resigned on Friday.',
      [
        ['1998', '1998'],
        ['Monday', '2026-03-09'],
        ['Friday', null],
      ],
    );
    expect(buildTimeline([article], [], [])).toEqual([]);
  });

  it('does not merge two statements of the same article', () => {
    const article = corpusArticle(
      'a_same',
      'The dam collapsed on Tuesday, officials said. The dam collapsed on Tuesday, officials said again.',
      [
        ['Tuesday', '2026-03-10'],
        ['Tuesday', '2026-03-10'],
      ],
    );
    expect(buildTimeline([article], [], [])).toHaveLength(2);
  });
});

/** `corpusArticle` with a publication day and rules on the times ([text, value, rule?]). */
function dated(id: string, published: string | null, text: string, times: Array<[string, string | null, string?]>) {
  const article = corpusArticle(
    id,
    text,
    times.map(([t, v]) => [t, v]),
  );
  return {
    ...article,
    published: { date: published, from: null, to: null, how: published ? 'metadata' : 'unknown' },
    times: article.times.map((t, i) => ({
      ...t,
      prov: { ...t.prov, rule: times[i]?.[2] ?? 'times/relative-weekday' },
    })),
  } as CorpusArticle;
}

describe('one sentence, one entry, dated by its main time', () => {
  /** [sentence, times, expected date or null] — article published Thursday 2026-03-12. */
  const CASES: Array<[string, string, Array<[string, string | null, string?]>, string | null]> = [
    [
      'a day beats a "since" reference point',
      'The valdor fell 1.8% on Thursday, its steepest one-day drop since October.',
      [
        ['Thursday', '2026-03-12'],
        ['October', '2025-10', 'times/implied-year'],
      ],
      '2026-03-12',
    ],
    [
      '"by the end of March" is a deadline, the announcement day is the event',
      'Kestria will withdraw 20,000 troops by the end of March, its defence ministry announced on Tuesday.',
      [
        ['end of March', '2026-03', 'times/implied-year'],
        ['Tuesday', '2026-03-10'],
      ],
      '2026-03-10',
    ],
    [
      'a "since X, when" clause dates an event at X',
      'The neighbours have been at odds since January, when Kestria accused Valdoria of curbing schools.',
      [['January', '2026-01', 'times/implied-year']],
      '2026-01',
    ],
    [
      'a reference point alone gives no entry',
      'Prices have risen since January, the bank said.',
      [['January', '2026-01', 'times/implied-year']],
      null,
    ],
    [
      '"from 6am on Saturday" is a start, not an event',
      'The strike is suspended from 6am on Saturday, the union said.',
      [['from 6am on Saturday', '2026-03-14']],
      null,
    ],
    [
      'the first day in the sentence is the main verb\'s: "said on Thursday that … on Monday"',
      'The regulator said on Thursday that it had received complaints since the breach was disclosed on Monday.',
      [
        ['Thursday', '2026-03-12'],
        ['Monday', '2026-03-09'],
      ],
      '2026-03-12',
    ],
    [
      '"shortly after midnight" is a time, not a reference point',
      'The second wave reached the city shortly after midnight.',
      [['midnight', '2026-03-12', 'times/relative-casual']],
      '2026-03-12',
    ],
    [
      'vague weeks are skipped',
      'Kovaly cancelled a planned visit this week, her office said.',
      [['this week', '2026-03', 'times/relative-week']],
      null,
    ],
    [
      'the publication month is background when the article gives days',
      'The valdor has weakened this month amid the stand-off, traders said.',
      [['this month', '2026-03', 'times/relative-period']],
      null,
    ],
    [
      '"last month" names another month: kept',
      'Tensions rose again last month after Valdoria signed a gas deal.',
      [['last month', '2026-02', 'times/relative-period']],
      '2026-02',
    ],
    [
      'a past event after publication is a misreading',
      'The minister resigned on Friday, officials said.',
      [['Friday', '2026-03-13']],
      null,
    ],
    [
      'a future event after publication is kept',
      'The minister will resign on Friday, officials said.',
      [['Friday', '2026-03-13']],
      '2026-03-13',
    ],
    [
      'a time inside quoted speech is relative to when it was said',
      '"Leave tonight, not tomorrow," the governor said.',
      [
        ['tonight', '2026-03-12', 'times/relative-casual'],
        ['tomorrow', '2026-03-13', 'times/relative-casual'],
      ],
      null,
    ],
  ];
  it.each(CASES)('%s', (_name, sentence, times, expected) => {
    // a second sentence gives the article a day, so its publication month alone is background
    const text = `${sentence} Rescuers arrived on Wednesday, officials said.`;
    const article = dated('a_one', '2026-03-12', text, [...times, ['Wednesday', '2026-03-11']]);
    const entries = buildTimeline([article], [], []).filter((e) => e.evidence[0]?.start === 0);
    expect(entries.map((e) => e.date)).toEqual(expected ? [expected] : []);
  });
});

describe('merging reports of one event', () => {
  const stories = [storyOf('s_border', ['a_one', 'a_two', 'a_three'])];

  it('merges the ledes of two articles of one story on the same day, however worded', () => {
    const one = dated(
      'a_one',
      '2026-03-10',
      'Kestria has moved about 40,000 troops near the Varro Valley, the Defence Ministry said on Monday. ' +
        'Schools closed on Monday too, parents said.',
      [
        ['Monday', '2026-03-09'],
        ['Monday', '2026-03-09'],
      ],
    );
    const two = dated(
      'a_two',
      '2026-03-10',
      'At least 41,000 Kestrian soldiers are stationed within 30 kilometres of the frontier, officials said on Monday.',
      [['Monday', '2026-03-09']],
    );
    const entries = buildTimeline([one, two], stories, []);
    expect(entries.map((e) => e.articles)).toEqual([['a_one', 'a_two'], ['a_one']]);
  });

  it('merges rewordings that share enough stems ("withdraw"/"withdrawal", numbers whole)', () => {
    const one = dated(
      'a_one',
      '2026-03-18',
      'The weather was calm on Monday, residents said. ' +
        'Kestrelgrad said on Tuesday it would withdraw 20,000 troops from the Varro Valley by the end of the month.',
      [
        ['Monday', '2026-03-16'],
        ['Tuesday', '2026-03-17'],
        ['end of the month', '2026-03', 'times/relative-period'],
      ],
    );
    const two = dated(
      'a_two',
      '2026-03-17',
      'Markets rose on Monday, traders said. ' +
        'The withdrawal of 20,000 troops from the Varro Valley border area was announced by Kestria on Tuesday.',
      [
        ['Monday', '2026-03-16'],
        ['Tuesday', '2026-03-17'],
      ],
    );
    const tuesday = buildTimeline([one, two], stories, []).filter((e) => e.date === '2026-03-17');
    expect(tuesday.map((e) => e.articles)).toEqual([['a_one', 'a_two']]);
  });

  it('keeps different events of one day apart', () => {
    const one = dated(
      'a_one',
      '2026-03-13',
      'The rain stopped on Thursday, residents said. The Red Cross said on Friday that 34 people had died in the floods.',
      [
        ['Thursday', '2026-03-12'],
        ['Friday', '2026-03-13'],
      ],
    );
    const two = dated(
      'a_two',
      '2026-03-14',
      'The rain stopped on Thursday, locals said. Shares in Valmont Energy fell 14% on Friday as prosecutors widened a probe.',
      [
        ['Thursday', '2026-03-12'],
        ['Friday', '2026-03-13'],
      ],
    );
    const friday = buildTimeline([one, two], stories, []).filter((e) => e.date === '2026-03-13');
    expect(friday).toHaveLength(2);
  });

  it('resolves the times of an article whose date came from a copy, and merges it with that copy', () => {
    const sentence =
      'Kestria\'s Foreign Ministry summoned Valdoria\'s ambassador on Thursday to protest "hostile rhetoric".';
    const wire = dated('a_one', '2026-03-12', sentence, [['Thursday', '2026-03-12']]);
    // published borrowed from the copy; the times stage ran without it
    const unresolved = dated('a_two', '2026-03-12', sentence, [['Thursday', null, 'times/unresolved-relative']]);
    const undated = { ...unresolved, published: { ...unresolved.published, how: 'duplicate' as const } };
    const duplicates: Duplicate[] = [{ a: 'a_one', b: 'a_two', kind: 'syndicated', similarity: 0.9 }];
    const entries = buildTimeline([wire, undated], stories, duplicates);
    expect(entries.map((e) => [e.date, e.articles])).toEqual([['2026-03-12', ['a_one', 'a_two']]]);
  });

  it('keeps the stored times of an article that had its own date when the times stage ran', () => {
    // The times stage left "Thursday" unresolved although the article was dated: nothing new is
    // known since, so the corpus step does not resolve it behind the times stage's back.
    const sentence = 'The ministry summoned the ambassador on Thursday, officials said.';
    const own = dated('a_one', '2026-03-12', sentence, [['Thursday', null, 'times/unresolved-relative']]);
    const entries = buildTimeline([own], stories, []);
    expect(entries.filter((e) => e.date?.startsWith('2026-03'))).toEqual([]);
  });
});

describe('entryText', () => {
  it.each([
    ['MERIDA CITY (AP) — Valdoria accused Kestria on Thursday.', 'Valdoria accused Kestria on Thursday.'],
    ['KESTRELGRAD, 11 March — The ministry rejected the claims.', 'The ministry rejected the claims.'],
    [
      'ALDMERE – Prosecutors on Tuesday detained the chief executive.',
      'Prosecutors on Tuesday detained the chief executive.',
    ],
    ['KESSAN, March 12 (Wire) - Troops arrived.', 'Troops arrived.'],
    // not datelines: an all-capitals acronym inside the sentence, a normal start
    ['NATO said on Monday that troops had left.', 'NATO said on Monday that troops had left.'],
    [
      'The UN envoy said on Monday - after talks - that he was hopeful.',
      'The UN envoy said on Monday - after talks - that he was hopeful.',
    ],
  ])('%s', (text, expected) => {
    expect(entryText(text)).toBe(expected);
  });
});
