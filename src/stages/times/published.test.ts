import { describe, expect, it } from 'vitest';
import { docOf } from '../../../test/helpers/docs.js';
import type { Published } from '../../core/doc.js';
import type { StageContext } from '../../core/stage.js';
import { publicationOf, timesStage } from './index.js';
import { textNumericOrder } from './locale.js';
import { inferPublished, takesCopyDate } from './published.js';

const UNKNOWN: Published = { date: null, from: null, to: null, how: 'unknown' };
const ctx: StageContext = {
  warn: () => {},
  info: () => {},
  fail: (rule) => {
    throw new Error(rule);
  },
  debug: () => {},
};

describe('inferPublished: a range from the text, with evidence', () => {
  it('a dated statement in the past bounds it from below', () => {
    const got = inferPublished({
      text: 'The operator said the leak first reported on March 3, 2026, had been contained. Fishermen stayed ashore.',
    });
    expect(got).toMatchObject({ date: null, from: '2026-03-03', to: null, how: 'text' });
    expect(got?.evidence).toContain('March 3, 2026');
  });

  it('"as of" a date bounds it from below', () => {
    const got = inferPublished({ text: 'As of 14 October 2025, more than 9,000 people had been vaccinated.' });
    expect(got).toMatchObject({ from: '2025-10-14', to: null });
  });

  it('a dated plan in the future bounds it from above', () => {
    const got = inferPublished({ text: 'Voters will decide on 7 June 2026 whether to merge the districts.' });
    expect(got).toMatchObject({ from: null, to: '2026-06-07', how: 'text' });
  });

  it('both bounds at once', () => {
    const text =
      'The first tram was lowered onto the line on 2 September 2025. Passenger service will start on 1 December 2025.';
    expect(inferPublished({ text })).toMatchObject({ from: '2025-09-02', to: '2025-12-01' });
  });

  it('a dated photo caption bounds it from below', () => {
    const got = inferPublished({
      text: 'Workers finished repairing the harbour wall.',
      captions: ['Workers on the harbour wall in Northmouth, 19 January 2026'],
    });
    expect(got).toMatchObject({ from: '2026-01-19' });
    expect(got?.evidence).toContain('caption');
  });

  it('a weekday written with a date pins the year among the latest stated year and the next', () => {
    // 9 March is a Monday in 2026, a Sunday in 2025
    const text =
      'The assembly passed its budget on Monday, March 9, after a night of talks. It was the first since the 2025 election.';
    expect(inferPublished({ text })).toMatchObject({ from: '2026-03-09' });
  });

  it('a limit is not an event: "until 2030" does not bound it', () => {
    const text =
      'A ban on night flights was approved on 4 February 2026 and stays in force until 2030, the ministry said.';
    expect(inferPublished({ text })).toMatchObject({ from: '2026-02-04', to: null });
  });

  it('an ambiguous numeric date bounds it by its earlier reading', () => {
    expect(inferPublished({ text: 'A painting stolen on 03/04/2025 was found.' })).toMatchObject({
      from: '2025-03-04',
    });
  });
});

describe('inferPublished: nothing knowable stays unknown (never today, never invented)', () => {
  it.each([
    'Dock workers returned to work on Tuesday after a three-day stoppage, the union said last week.',
    'Two lynx cubs were born at the zoo, the first there in decades.',
    'The bridge reopened on Friday, June 6, after two months of repairs.',
    'Published: February 30, 2026. Plans for a market hall were shown to residents.',
    'Builders found a time capsule labelled "open in 3024" while digging.',
    'Winning numbers: 03 11 19 24 31 42 - 2019 2020 2021 2022 - 14 28 30 31.',
    'The government set the 2040 target for clean power, the minister said.',
    '',
  ])('%s', (text) => {
    expect(inferPublished({ text })).toBeNull();
  });

  it('contradicting bounds give nothing rather than a guess', () => {
    const text = 'The treaty was signed on 9 May 2026. The vote will be held on 2 March 2026.';
    expect(inferPublished({ text })).toBeNull();
  });
});

describe('publicationOf and the times stage', () => {
  const article = (text: string, published: Published) => ({ text, published, removed: [] });

  it('metadata wins: the text is not read', () => {
    const meta: Published = { date: '2026-03-12', from: null, to: null, how: 'metadata', evidence: 'meta' };
    expect(publicationOf(article('The bridge was closed on March 3, 2024.', meta))).toBe(meta);
  });

  it('writes the inferred range onto the article, and relative times stay unresolved on an open range', () => {
    const doc = docOf('The operator said the leak reported on March 3, 2026, was contained on Tuesday.', {
      published: UNKNOWN,
    });
    const items = timesStage.run(doc, ctx);
    expect(doc.article.published).toMatchObject({ how: 'text', from: '2026-03-03', to: null });
    const tuesday = items.find((t) => t.text === 'Tuesday');
    expect(tuesday?.value).toBeNull();
    expect(tuesday?.timeml).toEqual({ type: 'DATE', value: 'XXXX-WXX-2' });
    expect(items.find((t) => t.text === 'March 3, 2026')?.value).toBe('2026-03-03');
  });

  it('an article with nothing knowable keeps `unknown`', () => {
    const doc = docOf('Dock workers returned to work on Tuesday after a three-day stoppage.', { published: UNKNOWN });
    timesStage.run(doc, ctx);
    expect(doc.article.published.how).toBe('unknown');
  });
});

describe('textNumericOrder: the locale an article shows', () => {
  it.each([
    ['Filed 14/03/2026; the letter of 03/04/2026 was lost.', 'dmy'],
    ['Filed 03/14/2026; the letter of 03/04/2026 was lost.', 'mdy'],
    ['The council will organise a review of the harbour colour scheme on 03/04/2026.', 'dmy'],
    ['The council will organize a review on 03/04/2026.', null],
  ])('%s → %s', (text, order) => {
    expect(textNumericOrder(text)).toBe(order);
  });
});

describe('takesCopyDate: copies of one wire story share a date', () => {
  it('an undated copy, or one with a text range the date fits, takes it; a dated one never does', () => {
    expect(takesCopyDate(UNKNOWN, '2026-03-12')).toBe(true);
    const range: Published = { date: null, from: '2026-03-03', to: null, how: 'text' };
    expect(takesCopyDate(range, '2026-03-12')).toBe(true);
    expect(takesCopyDate(range, '2026-02-28')).toBe(false);
    const meta: Published = { date: '2026-03-11', from: null, to: null, how: 'metadata' };
    expect(takesCopyDate(meta, '2026-03-12')).toBe(false);
  });
});
