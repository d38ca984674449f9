import { describe, expect, it } from 'vitest';
import { articleOf, expectSpan } from '../../../test/helpers/docs.js';
import type { CorpusArticle, Duplicate, Story } from '../../core/corpus.js';
import type { TimeItem } from '../../core/doc.js';
import { buildTimeline } from './index.js';

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
    expect(entry?.text).toBe(
      'KESSAN (Wire) - The Varn dam partly collapsed on Tuesday, flooding three villages, officials said.',
    );
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
    const dam = [storyOf('s_dam', ['a_wire', 'a_copy'])];
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
