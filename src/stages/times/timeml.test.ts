import { describe, expect, it } from 'vitest';
import type { Day } from './resolve.js';
import { findTimeml } from './timeml.js';

/** Thursday 12 March 2026. */
const THURSDAY: Day = { year: 2026, month: 3, day: 12 };

function timexes(text: string, anchor: Day | null = THURSDAY, numericOrder: 'dmy' | 'mdy' | null = null) {
  return findTimeml(text, anchor, { numericOrder }).map((t) => {
    expect(text.slice(t.start, t.end)).toBe(t.text);
    return [t.text, t.type, t.value, ...(t.mod ? [t.mod] : [])];
  });
}

describe('findTimeml: absolute dates in common news formats', () => {
  it.each([
    ['The accord was signed on Oct. 14, 2023, in Port Elsin.', 'Oct. 14, 2023', '2023-10-14'],
    ['The accord was signed on 14 October 2023.', '14 October 2023', '2023-10-14'],
    ['The vessel was inspected on 14/10/2023 by the coastguard.', '14/10/2023', '2023-10-14'],
    ['The plant opened in May 2019 after years of delay.', 'May 2019', '2019-05'],
    ['Registry entry 2023-10-14 was later corrected.', '2023-10-14', '2023-10-14'],
    ['The ceasefire collapsed in late 2024.', 'late 2024', '2024'],
    ['Output doubled during the 1990s.', '1990s', '199'],
    ['Sales fell in the third quarter of 2025.', 'the third quarter of 2025', '2025-Q3'],
  ])('%s', (text, span, value) => {
    expect(timexes(text)).toContainEqual(expect.arrayContaining([span, 'DATE', value]));
  });

  it('splits a year range into its two years ("1939-1945")', () => {
    expect(timexes('Archives from 1939-1945 were opened to historians.')).toEqual([
      ['1939', 'DATE', '1939'],
      ['1945', 'DATE', '1945'],
    ]);
  });

  it('a weekday written with a date is one expression, and fixes the year when the anchor is near', () => {
    // 7 March 2026 is a Saturday
    expect(timexes('The fire broke out on Saturday, March 7, near the docks.')).toEqual([
      ['Saturday, March 7', 'DATE', '2026-03-07'],
    ]);
  });
});

describe('findTimeml: relative expressions anchored on publication', () => {
  it.each([
    ['Rebels seized the bridge three days ago.', 'three days ago', 'DATE', '2026-03-09'],
    ['The governor spoke last week about the bridge.', 'last week', 'DATE', '2026-W10'],
    ['Inflation slowed this month, the bank said.', 'this month', 'DATE', '2026-03'],
    ['The council will meet next week.', 'next week', 'DATE', '2026-W12'],
    ['The hospital will open next spring.', 'next spring', 'DATE', '2027-SP'],
    ['Residents fled yesterday.', 'yesterday', 'DATE', '2026-03-11'],
    ['Crowds gathered this morning.', 'this morning', 'TIME', '2026-03-12TMO'],
    ['Shelling continued last night.', 'last night', 'TIME', '2026-03-11TNI'],
    ['The region is now calm, officials said.', 'now', 'DATE', 'PRESENT_REF'],
    ['Prices recently began to fall.', 'recently', 'DATE', 'PAST_REF'],
    ['Results are expected later this year.', 'later this year', 'DATE', '2026'],
    ['The talks ended at 3 p.m. on Wednesday.', '3 p.m.', 'TIME', '2026-03-12T15:00'],
  ])('%s', (text, span, type, value) => {
    expect(timexes(text)).toContainEqual([span, type, value]);
  });

  it('the governing verb decides the direction of a bare weekday or month', () => {
    expect(timexes('The minister resigned on Friday.')).toEqual([['Friday', 'DATE', '2026-03-06']]);
    expect(timexes('The minister will resign on Friday.')).toEqual([['Friday', 'DATE', '2026-03-13']]);
    expect(timexes('Floods hit the valley in December.')).toEqual([['December', 'DATE', '2025-12']]);
    expect(timexes('The new governor will take office in December.')).toEqual([['December', 'DATE', '2026-12']]);
    expect(timexes('Prices have risen since April 2022.')).toEqual([['April 2022', 'DATE', '2022-04']]);
  });

  it('"late last July" keeps its modifiers in the span', () => {
    expect(timexes('The plant closed late last July.')).toEqual([['late last July', 'DATE', '2025-07', 'END']]);
  });

  it('without an anchor keeps the unknown part as X, never today', () => {
    expect(timexes('The minister resigned on Friday, three days ago, after talks on March 9.', null)).toEqual([
      ['Friday', 'DATE', 'XXXX-WXX-5'],
      ['three days ago', 'DATE', 'XXXX-XX-XX'],
      ['March 9', 'DATE', 'XXXX-03-09'],
    ]);
  });
});

describe('findTimeml: durations and sets', () => {
  it.each([
    ['Foreign ministers met for five hours.', 'five hours', 'PT5H'],
    ['The siege lasted about three years.', 'about three years', 'P3Y'],
    ['Wages have stagnated for the past five years.', 'the past five years', 'P5Y'],
    ['The programme ran for more than a decade.', 'more than a decade', 'P10Y'],
    ['Talks went on for 14 hours.', '14 hours', 'PT14H'],
    ['He worked there for several months.', 'several months', 'PXM'],
    ['The drought has lasted for years.', 'years', 'PXY'],
  ])('%s', (text, span, value) => {
    expect(timexes(text)).toContainEqual(expect.arrayContaining([span, 'DURATION', value]));
  });

  it.each([
    ['The ferry sails every Monday.', 'every Monday', 'XXXX-WXX-1'],
    ['The board meets weekly.', 'weekly', 'P1W'],
    ['Inspectors visit twice a year.', 'twice a year', 'P1Y'],
    ['The market opens every day.', 'every day', 'P1D'],
  ])('%s', (text, span, value) => {
    expect(timexes(text)).toContainEqual([span, 'SET', value]);
  });
});

describe('findTimeml: bad input', () => {
  it('February 30 and other impossible days give no date', () => {
    expect(timexes('The meeting was held on February 30, 2026.')).toEqual([]);
    expect(timexes('The form was dated 31/04/2025.')).toEqual([]);
    expect(timexes('The payment was due on 2025-02-29.')).toEqual([]);
  });

  it('years far out of range are not dates', () => {
    expect(timexes('Builders found a capsule labelled "open in 3024".')).toEqual([]);
    expect(timexes('The code 99999-12-01 was printed on the box.')).toEqual([]);
  });

  it('counts and amounts are not years', () => {
    expect(timexes('About 2000 homes and 2,019 people were affected; output rose by 2015 tonnes.')).toEqual([]);
  });

  it('10 000 numbers in a row: no crash, no invented date, linear time', () => {
    const numbers = Array.from({ length: 10_000 }, (_, i) => String((i * 7919) % 3000)).join(' ');
    const found = findTimeml(numbers, THURSDAY);
    expect(found.filter((t) => t.type === 'DATE' && /^\d{4}/.test(t.value))).toEqual([]);
  });

  it('an ambiguous 03/04/2024 follows the locale when known, else states only its year', () => {
    const text = 'The letter, dated 03/04/2024, was never answered.';
    expect(timexes(text)).toEqual([['03/04/2024', 'DATE', '2024']]);
    expect(timexes(text, THURSDAY, 'dmy')).toEqual([['03/04/2024', 'DATE', '2024-04-03']]);
    expect(timexes(text, THURSDAY, 'mdy')).toEqual([['03/04/2024', 'DATE', '2024-03-04']]);
  });

  it('does not crash on empty or odd text', () => {
    expect(findTimeml('', THURSDAY)).toEqual([]);
    expect(findTimeml('May may May. 12/12/12/12 -- 1/1/1 :: 99:99 pm', THURSDAY).every((t) => t.end > t.start)).toBe(
      true,
    );
  });
});

describe('findTimeml: a clock time with its day, and rates', () => {
  it('"3 p.m. Friday" is one TIME on that day', () => {
    expect(timexes('Voting ended at 3 p.m. Friday.')).toEqual([['3 p.m. Friday', 'TIME', '2026-03-06T15:00']]);
  });

  it('"50,000 dollars a year" is a rate: a SET', () => {
    expect(timexes('Nurses earn 50,000 dollars a year.')).toEqual([['a year', 'SET', 'P1Y']]);
  });
});

describe('findTimeml: schedules and fractions', () => {
  it('a weekday after a present-tense schedule verb points forward', () => {
    expect(timexes('The vote is on Friday.')).toEqual([['Friday', 'DATE', '2026-03-13']]);
    expect(timexes('Talks resume Monday in Geneva.')).toEqual([['Monday', 'DATE', '2026-03-16']]);
    expect(timexes('Talks resumed on Monday in Geneva.')).toEqual([['Monday', 'DATE', '2026-03-09']]);
  });

  it('"two and a half years" is thirty months; "a couple of weeks" two weeks', () => {
    expect(timexes('The trial took two and a half years.')).toEqual([['two and a half years', 'DURATION', 'P30M']]);
    expect(timexes('Repairs took a couple of weeks.')).toEqual([['a couple of weeks', 'DURATION', 'P2W']]);
  });
});

// Rules from the TIMEX3 guidelines (TimeML 1.2.1); sentences are our own, anchored on Thursday 12 March 2026.
describe('findTimeml: anchored durations and comparisons', () => {
  it('"eight years from now" is a duration anchored on "now": two TIMEX3', () => {
    expect(timexes('The bridge will be finished eight years from now.')).toEqual([
      ['eight years', 'DURATION', 'P8Y'],
      ['now', 'DATE', 'PRESENT_REF'],
    ]);
  });

  it('"a month earlier than usual" compares with no time anchor: only the duration', () => {
    expect(timexes('The harvest began a month earlier than usual.')).toEqual([['a month', 'DURATION', 'P1M']]);
    // with no "than" it is still a date counted from another event
    expect(timexes('The harvest began a month earlier.')).toEqual([['a month earlier', 'DATE', 'XXXX-XX']]);
  });

  it('a counted decade is years in ISO 8601, uncounted decades stay PXDE', () => {
    expect(timexes('The lake has not frozen in a decade.')).toEqual([['a decade', 'DURATION', 'P10Y']]);
    expect(timexes('Over the following decade the town doubled in size.')).toEqual([
      ['the following decade', 'DURATION', 'P10Y'],
    ]);
    expect(timexes('The following week the council met.')).toEqual([['The following week', 'DATE', 'XXXX-WXX']]);
  });

  it('both ends of a range are durations ("between 12 and 18 months")', () => {
    expect(timexes('The repairs could take between 12 and 18 months.')).toEqual([
      ['12', 'DURATION', 'P12M'],
      ['18 months', 'DURATION', 'P18M'],
    ]);
    expect(timexes('The inquiry will sit for two or three weeks.')).toEqual([
      ['two', 'DURATION', 'P2W'],
      ['three weeks', 'DURATION', 'P3W'],
    ]);
  });

  it('uncounted units next to an event, after "take", and "years ago"', () => {
    expect(timexes('The ferry left minutes before the storm hit.')).toEqual([['minutes', 'DURATION', 'PTXM']]);
    expect(timexes('Tracing the leak can take weeks.')).toEqual([['weeks', 'DURATION', 'PXW']]);
    expect(timexes('The lighthouse was abandoned years ago.')).toEqual([['years ago', 'DATE', 'PAST_REF']]);
  });

  it('an elapsed time with seconds is a duration; a clock time is not', () => {
    expect(timexes('She won the hill race, finishing in 1:42:05.')).toEqual([['1:42:05', 'DURATION', 'PT1H42M5S']]);
    expect(timexes('The alarm sounded at 10:15:00 GMT.').map((t) => t[1])).not.toContain('DURATION');
  });

  it('keeps the article of a counted span and a plural possessive', () => {
    expect(timexes('In the 30 years since the flood, the town grew.')).toEqual([['the 30 years', 'DURATION', 'P30Y']]);
    expect(timexes("He was given five years' probation.")).toEqual([["five years'", 'DURATION', 'P5Y']]);
  });
});

describe('findTimeml: not time expressions in TimeML', () => {
  it.each([
    ['A 50-year-old fisherman was rescued.'],
    ['Children ages 6 months and older should be vaccinated.'],
    ['Pupils aged 5 to 11 years took part.'],
    ['The calf is 3 months of age.'],
    ['He ran a sub-four-minute mile.'],
  ])('%s', (text) => {
    expect(timexes(text)).toEqual([]);
  });
});

describe('findTimeml: direction of anchored dates', () => {
  it("an end of the year told in the past tense before December is the previous year's", () => {
    expect(timexes('Grain prices peaked by the end of the year.')).toEqual([
      ['the end of the year', 'DATE', '2025', 'END'],
    ]);
    expect(timexes('Prices will peak by the end of the year.')).toEqual([
      ['the end of the year', 'DATE', '2026', 'END'],
    ]);
  });

  it('a postponement points forward whatever the tense ("postponed until 15:00 GMT Saturday")', () => {
    expect(timexes('The final has been postponed until 15:00 GMT Saturday because of flooding.')).toEqual([
      ['15:00 GMT Saturday', 'TIME', '2026-03-14T15:00'],
    ]);
    expect(timexes('The final was played on Saturday.')).toEqual([['Saturday', 'DATE', '2026-03-07']]);
  });

  it('a month an infinitive runs up to is not before the statement ("to run through June")', () => {
    expect(timexes('The agency picked three firms for the scheme to run through June.')).toEqual([
      ['June', 'DATE', '2026-06'],
    ]);
    expect(timexes('The scheme ran through June.')).toEqual([['June', 'DATE', '2025-06']]);
  });

  it('"at the time" in a past clause is PAST_REF; "at the time of" is not a timex alone', () => {
    expect(timexes('The mayor was abroad at the time.')).toEqual([['at the time', 'DATE', 'PAST_REF']]);
    expect(timexes('Rents rose at the time of the census.')).toEqual([]);
  });
});

describe('findTimeml: other forms', () => {
  it.each([
    ['The mill was the largest for much of the 19th Century.', '19th Century', 'DATE', '18'],
    ['She cited a 2019 analysis by the port authority.', '2019', 'DATE', '2019'],
    ['The agency will cut 2% of its budget this fiscal year.', 'this fiscal year', 'DATE', '2026'],
    ['The market was quiet over the weekend.', 'the weekend', 'DATE', '2026-W10-WE'],
    ['Profit rose in the latest quarter.', 'the latest quarter', 'DATE', '2025-Q4'],
    ['It signed a two-year contract.', 'two-year', 'DURATION', 'P2Y'],
    ['The dam burst on Monday afternoon.', 'Monday afternoon', 'TIME', '2026-03-09TAF'],
    ['Fishermen say the future is bleak.', 'the future', 'DATE', 'FUTURE_REF'],
    ['The festival is held each year.', 'each year', 'SET', 'P1Y'],
  ])('%s', (text, span, type, value) => {
    expect(timexes(text)).toContainEqual([span, type, value]);
  });
});
