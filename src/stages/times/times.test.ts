import { describe, expect, it } from 'vitest';
import { docOf, expectSpan } from '../../../test/helpers/docs.js';
import type { Published } from '../../core/doc.js';
import type { StageContext } from '../../core/stage.js';
import { findTimes, timesStage } from './index.js';

/** 2026-03-12 is a Thursday. */
const PUBLISHED: Published = { date: '2026-03-12', from: null, to: null, how: 'metadata' };
const UNKNOWN: Published = { date: null, from: null, to: null, how: 'unknown' };

const ctx: StageContext = {
  warn: () => {},
  info: () => {},
  fail: (rule) => {
    throw new Error(rule);
  },
  debug: () => {},
};

function timesOf(text: string, published: Published = PUBLISHED) {
  return timesStage.run(docOf(text, { published }), ctx);
}

/** The items that name a day, month or year for the timeline (chrono's), leaving TIMEX3-only ones out. */
function datesOf(text: string, published: Published = PUBLISHED) {
  return timesOf(text, published).filter((t) => !t.prov.rule?.startsWith('timeml/'));
}

/** [sentence, expected span text, expected value, rule] with the 2026-03-12 publication date. */
const KNOWN: Array<[string, string, string, string]> = [
  [
    'On Wednesday the minister said talks with the rebels had failed.',
    'Wednesday',
    '2026-03-11',
    'times/relative-weekday',
  ],
  [
    'The minister told reporters on Thursday that the dam was safe.',
    'Thursday',
    '2026-03-12',
    'times/relative-weekday',
  ],
  ['Fighting resumed on Monday near the border, witnesses said.', 'Monday', '2026-03-09', 'times/relative-weekday'],
  ['The governor said last week that the bridge would reopen.', 'last week', '2026-03', 'times/relative-week'],
  ['Two days ago, rebels seized the bridge over the Varn.', 'Two days ago', '2026-03-10', 'times/relative-ago'],
  ['Protesters gathered two days ago outside the ministry.', 'two days ago', '2026-03-10', 'times/relative-ago'],
  ['Officials met on March 9 in Darvel to discuss the dam.', 'March 9', '2026-03-09', 'times/implied-year'],
  ['The treaty was signed on March 9, 2026, in Port Elsin.', 'March 9, 2026', '2026-03-09', 'times/absolute-date'],
  ['The leaders will meet on Friday in the capital.', 'Friday', '2026-03-13', 'times/relative-weekday'],
  ['Ministers are expected to vote on Wednesday on the budget.', 'Wednesday', '2026-03-18', 'times/relative-weekday'],
  ['The council plans to vote next Monday.', 'next Monday', '2026-03-16', 'times/relative-weekday'],
  ['The plant opened in May 2019 after years of delays.', 'May 2019', '2019-05', 'times/month-year'],
  ['Prices have risen sharply since January, the bank said.', 'January', '2026-01', 'times/implied-year'],
  ['The new governor will take office in January.', 'January', '2027-01', 'times/implied-year'],
  ['Floods hit the valley in December, killing 14 people.', 'December', '2025-12', 'times/implied-year'],
  ['The mine has operated since 2020, employing 2,000 people.', '2020', '2020', 'times/bare-year'],
  ['Inflation hit 12.53% in 2019, the highest in a decade.', '2019', '2019', 'times/bare-year'],
  ['The ceasefire collapsed in late 2024.', 'late 2024', '2024', 'times/bare-year'],
  ['The registry lists the vessel as inspected on 14/10/2023.', '14/10/2023', '2023-10-14', 'times/absolute-date'],
  ['The letter, dated 03/04/2023, was never answered.', '03/04/2023', '2023', 'times/ambiguous-slash-date'],
  ['Residents fled yesterday as the water rose.', 'yesterday', '2026-03-11', 'times/relative-casual'],
  ['Crowds gathered in the square this morning.', 'this morning', '2026-03-12', 'times/relative-casual'],
  ['Inflation slowed last month, the statistics office said.', 'last month', '2026-02', 'times/relative-period'],
  ['The fire broke out on Saturday, March 7, near the docks.', 'Saturday, March 7', '2026-03-07', 'times/implied-year'],
];

describe('timesStage with a known publication date', () => {
  it.each(KNOWN)('%s', (text, expected, value, rule) => {
    const items = datesOf(text);
    expect(items).toHaveLength(1);
    const item = items[0];
    if (!item) return;
    expectSpan(text, item, expected);
    expect(item.kind).toBe('time');
    expect(item.value).toBe(value);
    expect(item.prov.rule).toBe(rule);
  });

  it('reads the tense per clause: past report, future plan', () => {
    const text = 'Velmar said on Monday that the talks will resume on Friday.';
    const items = timesOf(text);
    expect(items.map((t) => [t.text, t.value])).toEqual([
      ['Monday', '2026-03-09'],
      ['Friday', '2026-03-13'],
    ]);
    for (const t of items) expectSpan(text, t, t.text);
  });

  it('reads the tense of the clause first: past relative clause, future main clause', () => {
    const text = 'The minister, who took office in April, will resign in June.';
    const items = timesOf(text);
    expect(items.map((t) => [t.text, t.value])).toEqual([
      ['April', '2025-04'],
      ['June', '2026-06'],
    ]);
  });

  it('reads a dateline without its trailing space', () => {
    const text = 'KESSAN, March 12 (Wire) - Troops arrived at the border crossing.';
    const [item] = timesOf(text);
    if (!item) throw new Error('no time found');
    expectSpan(text, item, 'March 12');
    expect(item.value).toBe('2026-03-12');
  });

  it.each([
    ['Two days later, the rebels withdrew from the town.', 'Two days later'],
    ['The talks, held three days before the vote, failed.', 'three days before'],
  ])('leaves expressions counted from another event null: %s', (text, expected) => {
    const [item] = timesOf(text);
    if (!item) throw new Error('no time found');
    expectSpan(text, item, expected);
    expect(item.value).toBeNull();
    expect(item.prov.rule).toBe('times/relative-to-event');
  });

  it('keeps a date with a time of day, valued at the day', () => {
    const text = 'The blast was heard on Wednesday at 3pm across the harbour.';
    const [item] = timesOf(text);
    expect(item?.value).toBe('2026-03-11');
    expect(item?.text).toBe('Wednesday at 3pm');
  });

  it('finds several expressions with offsets into the whole article', () => {
    const text =
      'KESSAN (Wire) - The dam on the Varn river partly collapsed on Tuesday, officials said.\n\n' +
      'The reservoir was built in 1998 and last inspected on 2 February, 2025. Engineers will return next week.';
    const items = timesOf(text);
    expect(items.map((t) => [t.text, t.value])).toEqual([
      ['Tuesday', '2026-03-10'],
      ['1998', '1998'],
      ['2 February, 2025', '2025-02-02'],
      ['next week', '2026-03'],
    ]);
    for (const t of items) expectSpan(text, t, t.text);
  });

  it('uses the end of a published range, with lower confidence', () => {
    const published: Published = { date: null, from: '2026-03-01', to: '2026-03-12', how: 'text' };
    const [item] = timesOf('The minister resigned two days ago.', published);
    expect(item?.value).toBe('2026-03-10');
    expect(item?.prov.confidence).toBe(0.5);
  });
});

describe('timesStage with an unknown publication date', () => {
  /** Relative expressions stay null: never resolved against today. */
  const RELATIVE: Array<[string, string]> = [
    ['On Wednesday the minister said talks had failed.', 'Wednesday'],
    ['The governor said last week that the bridge would reopen.', 'last week'],
    ['Two days ago, rebels seized the bridge.', 'Two days ago'],
    ['Officials met on March 9 in Darvel.', 'March 9'],
    ['The leaders will meet on Friday.', 'Friday'],
    ['Prices have risen since January.', 'January'],
    ['Residents fled yesterday.', 'yesterday'],
  ];
  it.each(RELATIVE)('%s → null', (text, expected) => {
    const [item] = timesOf(text, UNKNOWN);
    if (!item) throw new Error('no time found');
    expectSpan(text, item, expected);
    expect(item.value).toBeNull();
    expect(item.prov.rule).toMatch(/^times\/unresolved-/);
  });

  const ABSOLUTE: Array<[string, string, string]> = [
    ['The treaty was signed on March 9, 2026, in Port Elsin.', 'March 9, 2026', '2026-03-09'],
    ['The plant opened in May 2019.', 'May 2019', '2019-05'],
    ['The war ended in 2019.', '2019', '2019'],
    ['The vessel was inspected on 14/10/2023.', '14/10/2023', '2023-10-14'],
  ];
  it.each(ABSOLUTE)('%s → still resolved', (text, expected, value) => {
    const [item] = timesOf(text, UNKNOWN);
    if (!item) throw new Error('no time found');
    expectSpan(text, item, expected);
    expect(item.value).toBe(value);
  });
});

describe('negative cases', () => {
  const NEGATIVE = [
    'Inflation reached 12.53% this quarter.',
    'The baby was weighed at 6.5 kilograms.',
    'Some 40,000 troops were moved to the north.',
    'The convoy turned onto Route 9 near Kessan.',
    'Talks may resume if both sides agree.',
    'Police blocked the march on the capital.',
    'Updated 09:41 GMT',
    'The Sun reported the story first.',
    'He sat down and said nothing.',
    'About 2,000 people and 2000 homes were affected.',
    'Half the voters, roughly 1/2 of the district, stayed home.',
    'One of 2000 applicants was chosen.',
    'Output rose by 2015 tonnes.',
  ];
  it.each(NEGATIVE)('%s', (text) => {
    expect(datesOf(text)).toEqual([]);
    expect(timesOf(text).filter((t) => t.value !== null)).toEqual([]);
  });

  it('skips sentences with no date cue without calling chrono', () => {
    expect(findTimes('Officials said the situation was calm.', { date: '2026-03-12', to: null })).toEqual([]);
  });
});

describe('tense: reported plans point forward (future-in-past)', () => {
  /** [sentence, expression, value] with the Thursday 2026-03-12 publication date. */
  const REPORTED: Array<[string, string, string]> = [
    // "would" after a past report: the next such day on or after publication, not the last one
    ['Ostrik said the drills would end "according to plan" on March 20.', 'March 20', '2026-03-20'],
    ['He said the units would begin moving on Friday.', 'Friday', '2026-03-13'],
    ['The ministry said the units would begin moving on Thursday.', 'Thursday', '2026-03-12'],
    ['She said schools would stay closed until Monday.', 'Monday', '2026-03-16'],
    ['The union would attend a meeting called by the minister on Tuesday.', 'Tuesday', '2026-03-17'],
    ['The cabinet was to meet on Saturday to approve the plan.', 'Saturday', '2026-03-14'],
    ['The union planned to march on Saturday.', 'Saturday', '2026-03-14'],
    ['Hauliers said they expected deliveries to return to normal by early April.', 'April', '2026-04'],
    ['He said all dams would be inspected by the end of April.', 'end of April', '2026-04'],
    // the report itself stays in the past: "on Tuesday" belongs to "said", not to "would"
    ['Kestrelgrad said on Tuesday it would withdraw 20,000 troops.', 'Tuesday', '2026-03-10'],
    ['The minister had told both sides on Tuesday evening that a bill would follow.', 'Tuesday evening', '2026-03-10'],
    // a link stripped out of "said on" leaves "saidon": still a past report
    ['Border guards will remain on heightened alert, the ministry saidon Tuesday.', 'Tuesday', '2026-03-10'],
  ];
  it.each(REPORTED)('%s', (text, expected, value) => {
    const item = timesOf(text).find((t) => t.text === expected);
    if (!item) throw new Error(`${expected} not found`);
    expectSpan(text, item, expected);
    expect(item.value).toBe(value);
  });

  it('a bare "would" weekday is the first one on or after publication', () => {
    const wednesday: Published = { date: '2026-03-18', from: null, to: null, how: 'metadata' };
    const [item] = timesOf('Ostrik said the units would begin moving out on Wednesday.', wednesday);
    expect(item?.value).toBe('2026-03-18');
  });
});

describe('durations, periods and words that are not a day', () => {
  it.each([
    ['Foreign ministers met for five hours in Geneva on Monday.', 'for five hours'],
    ['Valdoria expected an explanation within 48 hours.', 'within 48 hours'],
    ['Talks broke up early on Sunday morning after 14 hours without agreement.', 'after 14 hours'],
    ['The Kell reached its highest level in 40 years, the service said.', 'in 40 years'],
    ['Kovaly convened the council for the second time in four days.', 'in four days'],
  ])('a duration is not a date: %s', (text, expected) => {
    const item = timesOf(text).find((t) => t.text === expected);
    if (!item) throw new Error(`${expected} not found`);
    expect(item.value).toBeNull();
    expect(item.prov.rule).toBe('times/duration');
  });

  it('"in two weeks" in a future clause still names a day', () => {
    const [item] = timesOf('The vote will take place in two weeks.');
    expect(item?.value).toBe('2026-03-26');
  });

  it.each([
    ['The drills would end later this month.', 'this month', '2026-03'],
    ['The troops will return to base by the end of the month.', 'end of the month', '2026-03'],
    ['The union wants a 9% rise this year.', 'this year', '2026'],
  ])('a period relative to publication: %s', (text, expected, value) => {
    const [item] = timesOf(text);
    expectSpan(text, item ?? { start: 0, end: 0 }, expected);
    expect(item?.value).toBe(value);
    expect(item?.prov.rule).toBe('times/relative-period');
  });

  it('"this month" without a publication date stays null (it was resolved against a made-up day)', () => {
    const [item] = timesOf('The drills would end later this month.', UNKNOWN);
    expect(item?.value).toBeNull();
    expect(item?.prov.rule).toBe('times/unresolved-relative');
  });

  it.each([
    '"We hear engines every evening after ten o\'clock," said a shopkeeper.',
    'The union wants limits on night shifts.',
    'By mid-morning, 40 ships were waiting.',
    'Local residents told Valdoria Today that cracks had appeared.',
    'The town had a sawmill and a Saturday market.',
    '"They thought we would be tired after one weekend," she said.',
  ])('not one day: %s', (text) => {
    expect(datesOf(text)).toEqual([]);
    expect(timesOf(text).filter((t) => t.value !== null)).toEqual([]);
  });

  it.each([
    ['Today, the minister said, is a day of mourning.', 'Today', '2026-03-12'],
    ['“Today is a better day than yesterday,” she said.', 'Today', '2026-03-12'],
  ])('keeps "Today" at the start of a sentence or quote: %s', (text, expected, value) => {
    const [item] = timesOf(text);
    expectSpan(text, item ?? { start: 0, end: 0 }, expected);
    expect(item?.value).toBe(value);
  });

  it('does not take a count before a weekday for an hour ("15 on Wednesday")', () => {
    const text = 'The toll rose to at least 15 on Wednesday evening, officials said.';
    const [item] = timesOf(text);
    if (!item) throw new Error('no time found');
    expectSpan(text, item, 'Wednesday');
    expect(item.value).toBe('2026-03-11');
  });

  it('"after midnight" in a past clause is the publication night, not the next day', () => {
    const [item] = timesOf('The second wave reached the city shortly after midnight.');
    expect(item?.value).toBe('2026-03-12');
  });
});

describe('bad input through the whole stage', () => {
  it('February 30, far-out years and 10 000 numbers in a row: no crash, no invented date', () => {
    const numbers = Array.from({ length: 10_000 }, (_, i) => String((i * 7919) % 3000)).join(' ');
    const text = `The hearing was set for February 30, 2026. A capsule said "open in 3024". ${numbers}.`;
    const items = timesOf(text);
    expect(items.filter((t) => t.value !== null)).toEqual([]);
    expect(items.filter((t) => t.timeml && /^\d{4}/.test(t.timeml.value))).toEqual([]);
  });

  it('an ambiguous 03/04/2024 is read by the locale the article shows, else kept to its year', () => {
    const plain = timesOf('The letter, dated 03/04/2024, was never answered.');
    expect(plain.map((t) => [t.value, t.timeml?.value])).toEqual([['2024', '2024']]);
    const british = timesOf('The letter, dated 03/04/2024, was never answered by the harbour office.');
    expect(british[0]?.timeml?.value).toBe('2024-04-03');
  });

  it('gives every item a TIMEX3 reading where one exists: durations and sets become items of their own', () => {
    const items = timesOf('Talks lasted five hours on Wednesday; the council meets every Monday.');
    expect(items.map((t) => [t.text, t.value, t.timeml?.type, t.timeml?.value])).toEqual([
      ['five hours', null, 'DURATION', 'PT5H'],
      ['Wednesday', '2026-03-11', 'DATE', '2026-03-11'],
      ['every Monday', null, 'SET', 'XXXX-WXX-1'],
    ]);
  });
});
