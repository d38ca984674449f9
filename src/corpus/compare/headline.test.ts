/**
 * `headline` conflicts on small invented articles: positives that must fire (with offsets into
 * the title and the body), and negatives that must not (the body agrees, another actor, another
 * action, a negated modal, a quoted headline, a mixed body, copies counted once).
 */
import { describe, expect, it } from 'vitest';
import type { Conflict, CorpusArticle } from '../../core/corpus.js';
import { buildArticle } from '../fixtures.js';
import { headlineConflict, headlineConflicts, stem } from './headline.js';
import { findConflicts } from './index.js';

const article = (id: string, title: string, paragraphs: string[]): CorpusArticle =>
  buildArticle({ id, title, site: 'Harbour Gazette', date: '2026-04-02', text: paragraphs.join('\n\n') });

/** The conflict has the headline clause (offsets into the title) and the body sentence (into the text). */
function expectOffsets(a: CorpusArticle, c: Conflict | null): asserts c is Conflict {
  expect(c).not.toBeNull();
  const [head, body] = (c as Conflict).items;
  expect(head?.field).toBe('title');
  expect(a.title?.slice(head?.start, head?.end)).toBe(head?.text);
  expect(body?.field).toBeUndefined();
  expect(a.text.slice(body?.start, body?.end)).toBe(body?.text);
}

const BANK_BODY = [
  'ORVANE — The Orvane Central Bank may cut its main interest rate next month, governor Lena Marsk said on Tuesday, after inflation fell for a fifth month in a row.',
  'Marsk told lawmakers that the bank was watching wages closely. Economists had expected the rate to stay at 4.25% until the summer.',
];

describe('headline conflicts: headlines contradicted by their own body', () => {
  it('"warns against" over a body where the same actor may do it', () => {
    const a = article('a_h1', 'Orvane central bank warns against rate cut', BANK_BODY);
    const c = headlineConflict(a, 's_bank');
    expectOffsets(a, c);
    expect(c.kind).toBe('headline');
    expect(c.storyId).toBe('s_bank');
    expect(c.items[0]?.text).toBe('Orvane central bank warns against rate cut');
    expect(c.items[1]?.text).toMatch(/^ORVANE — The Orvane Central Bank may cut its main interest rate/);
    expect(c.summary).toMatch(/^headline “Orvane central bank warns against rate cut” vs its body: “ORVANE/);
    expect(c.summary).toMatch(/\(Harbour Gazette\)$/);
  });

  it('"denies" over a body where the same actor confirmed it', () => {
    const a = article('a_h2', 'Port authority denies cargo ships were turned away | Harbour Gazette', [
      'The Tessel port authority on Monday confirmed that nine cargo ships were turned away from the harbour over the weekend because of a shortage of pilots.',
      'A spokesman said the backlog would be cleared by Thursday.',
    ]);
    const c = headlineConflict(a, null);
    expectOffsets(a, c);
    expect(c.items[0]?.text).toBe('Port authority denies cargo ships were turned away');
    expect(c.items[1]?.text).toMatch(/confirmed that nine cargo ships were turned away/);
  });

  it('"confirms" over a body where the same actor denied it', () => {
    const a = article('a_h3', 'Brisco Foods confirms plant closure in Lenholm', [
      'Brisco Foods denied on Wednesday that it would close its plant in Lenholm, calling the reports "pure speculation".',
      'About 600 people work at the site.',
    ]);
    expectOffsets(a, headlineConflict(a, null));
  });

  it('"rules out" over "did not rule out"; a pronoun after a verb of saying is the sayer', () => {
    const ruled = article('a_h4', 'Mayor Odile Fenn rules out new tram fares', [
      'Mayor Odile Fenn did not rule out new tram fares in a radio interview on Friday, saying the budget gap was "serious".',
    ]);
    expectOffsets(ruled, headlineConflict(ruled, null));
    const pronoun = article('a_h5', 'Fenn will not raise tram fares', [
      'Odile Fenn told the city council on Friday that she may raise tram fares by ten cents in the autumn.',
    ]);
    expectOffsets(pronoun, headlineConflict(pronoun, null));
  });

  it('one conflict per copy group and headline', () => {
    const a = article('a_h6', 'Orvane central bank warns against rate cut', BANK_BODY);
    const copy = { ...article('a_h7', 'Orvane central bank warns against rate cut', BANK_BODY), site: 'Wire Digest' };
    const groups = new Map([
      ['a_h6', 0],
      ['a_h7', 0],
    ]);
    expect(headlineConflicts([a, copy], new Map(), groups)).toHaveLength(1);
    expect(headlineConflicts([a, copy], new Map(), new Map())).toHaveLength(2);
  });

  it('runs inside findConflicts, tagged with the story', () => {
    const a = article('a_h8', 'Orvane central bank warns against rate cut', BANK_BODY);
    const story = { storyId: 's_h8', title: 't', articles: ['a_h8'], independentSources: 1, events: [] };
    const conflicts = findConflicts([a], [story], []);
    expect(conflicts.map((c) => [c.kind, c.storyId])).toEqual([['headline', 's_h8']]);
  });
});

describe('headline conflicts: negatives that must not fire', () => {
  it.each([
    [
      'the body says the same',
      'Port authority denies cargo ships were turned away',
      [
        'The port authority denied on Monday that any cargo ships had been turned away, blaming "rumours on social media".',
      ],
    ],
    [
      'another actor confirms it',
      'Port authority denies cargo ships were turned away',
      ['A pilots union confirmed that nine cargo ships were turned away, but the port authority disputed the figure.'],
    ],
    [
      'another actor may do it',
      'Orvane central bank warns against rate cut',
      ['Commercial lenders may cut their rates next month, analysts at Fernhill Securities said on Tuesday.'],
    ],
    [
      'a pronoun whose sayer is another actor',
      'Fenn will not raise tram fares',
      ['The transport union said on Friday that it may raise tram fares in its own shuttle service.'],
    ],
    [
      'the actor reports what someone else may do',
      'Fenn rules out new tram fares',
      ['Odile Fenn said the regional transport authority may set new tram fares in June.'],
    ],
    [
      'the same actor, another action',
      'Orvane central bank warns against rate cut',
      ['The Orvane central bank may publish its new inflation forecast next month, governor Lena Marsk said.'],
    ],
    [
      'a negated modal agrees with the headline',
      'Fenn will not raise tram fares',
      ['Odile Fenn said on Friday that she may not raise tram fares before the election.'],
    ],
    [
      'a mixed body (it also repeats the headline)',
      'Orvane central bank warns against rate cut',
      [
        'The Orvane central bank warned against a rate cut on Tuesday.',
        'The central bank could cut the rate later in the year if wages slow, governor Lena Marsk said.',
      ],
    ],
    [
      'a quoted headline is someone’s words',
      '“We will not raise tram fares,” Fenn tells council',
      ['Odile Fenn said she may raise tram fares next year if the state cuts its grant.'],
    ],
    [
      'a negated claim verb is neither side',
      'Brisco Foods confirms plant closure in Lenholm',
      ['Brisco Foods did not deny on Wednesday that it would close its plant in Lenholm.'],
    ],
    [
      'role words alone do not make one actor',
      'Finance minister warns against fuel tax rise',
      ['The transport minister may back a fuel tax rise to pay for new roads, aides said.'],
    ],
    [
      'a headline with no polarity cue',
      'Orvane central bank to cut rates',
      ['The Orvane central bank may cut its main interest rate next month.'],
    ],
  ])('%s', (_why, title, body) => {
    expect(headlineConflict(article('a_neg', title, body), null)).toBeNull();
  });

  it('an article without a title', () => {
    const a = buildArticle({ id: 'a_untitled', text: BANK_BODY.join('\n\n') });
    expect(headlineConflict(a, null)).toBeNull();
  });
});

describe('stem', () => {
  it.each([
    ['raising', 'raise'],
    ['fees', 'fee'],
    ['cutting', 'cut'],
    ['rates', 'rate'],
    ['turned', 'turn'],
  ])('%s = %s', (x, y) => {
    expect(stem(x)).toBe(stem(y));
  });
});
