import { describe, expect, it } from 'vitest';
import { docOf, expectSpan } from '../../../test/helpers/docs.js';
import type { ClaimItem, EntityMention, EntityType, QuoteItem, TimeItem } from '../../core/doc.js';
import type { StageContext } from '../../core/stage.js';
import { timesStage } from '../times/index.js';
import { claimsStage } from './index.js';
import { parseQuantity } from './numbers.js';

/** [substring, type, name] → every occurrence becomes a mention. */
type MentionSpec = [string, EntityType, string];
/** [quoted words, speaker name or null, rule]: a hand-built quotes layer (no import of the quotes stage). */
type QuoteSpec = [string, string | null, string?];

const idOf = (type: string, name: string) => `${type}:${name.toLowerCase().replace(/[^a-z]+/g, '-')}`;

function mentionsOf(text: string, specs: MentionSpec[]): EntityMention[] {
  const out: EntityMention[] = [];
  for (const [needle, type, name] of specs) {
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) {
      out.push({
        kind: 'entity',
        start: at,
        end: at + needle.length,
        text: needle,
        type,
        entityId: idOf(type, name),
        name,
        prov: { stage: 'entities', version: 1, rule: 'test' },
      });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function quotesOf(text: string, specs: QuoteSpec[]): QuoteItem[] {
  return specs.map(([words, speaker, rule]) => {
    const start = text.indexOf(words);
    if (start < 0) throw new Error(`fixture: ${words} not in text`);
    return {
      kind: 'quote',
      start,
      end: start + words.length,
      text: words,
      speaker: speaker ? { entityId: idOf('person', speaker), name: speaker } : null,
      cue: 'said',
      prov: { stage: 'quotes', version: 1, rule: rule ?? 'quotes/direct' },
    };
  });
}

const ctx: StageContext = {
  warn: () => {},
  info: () => {},
  fail: (rule) => {
    throw new Error(rule);
  },
  debug: () => {},
};

function run(text: string, mentions: MentionSpec[] = [], quotes: QuoteSpec[] = []): ClaimItem[] {
  const doc = docOf(text);
  doc.layers.entities = mentionsOf(text, mentions);
  doc.layers.quotes = quotesOf(text, quotes);
  return claimsStage.run(doc, ctx) as ClaimItem[];
}

const MORROW: MentionSpec = ['Lena Morrow', 'person', 'Lena Morrow'];
const DANEK: MentionSpec = ['Ivo Danek', 'person', 'Ivo Danek'];
const KESTRELGRAD: MentionSpec = ['Kestrelgrad', 'country', 'Kestrelgrad'];
const VELTRA: MentionSpec = ['Veltra', 'place', 'Veltra'];

interface Expected {
  text: string;
  value: number;
  valueMax?: number;
  unit: string;
  claimant: string | null;
  hedged: boolean;
  approx: string | null;
}

interface Case {
  name: string;
  text: string;
  mentions?: MentionSpec[];
  quotes?: QuoteSpec[];
  expect: Expected[];
}

const C = (
  text: string,
  value: number,
  unit: string,
  claimant: string | null = null,
  more: Partial<Expected> = {},
): Expected => ({ text, value, unit, claimant, hedged: false, approx: null, ...more });

const CASES: Case[] = [
  {
    name: 'digits with thousands separator, claimant "said"',
    text: 'Kestrelgrad has massed 40,000 troops on the border, Lena Morrow said on Tuesday.',
    mentions: [KESTRELGRAD, MORROW],
    expect: [C('40,000 troops', 40000, 'troops', 'Lena Morrow')],
  },
  {
    name: 'approximation + synonym, according to',
    text: 'More than 55,000 soldiers have crossed into Veltra, according to Ivo Danek.',
    mentions: [DANEK, VELTRA],
    expect: [C('More than 55,000 soldiers', 55000, 'troops', 'Ivo Danek', { hedged: true, approx: 'More than' })],
  },
  {
    name: 'decimal + scale word, modifiers before the noun',
    text: 'An estimated 1.2 million Veltran civilians have fled, the ministry said.',
    expect: [
      C('An estimated 1.2 million Veltran civilians have fled', 1.2e6, 'displaced', 'the ministry', {
        hedged: true,
        approx: 'An estimated',
      }),
    ],
  },
  {
    name: 'word numbers',
    text: 'Two dozen journalists and five hundred volunteers reached the town.',
    expect: [C('Two dozen journalists', 24, 'journalists'), C('five hundred volunteers', 500, 'volunteers')],
  },
  {
    name: 'a thousand',
    text: 'A thousand protesters gathered outside the parliament in Veltra.',
    mentions: [VELTRA],
    expect: [C('A thousand protesters', 1000, 'protesters')],
  },
  {
    name: 'tens of thousands → vague range',
    text: 'Tens of thousands of people have been displaced, officials say.',
    expect: [
      C('Tens of thousands of people have been displaced', 20000, 'displaced', 'officials', {
        valueMax: 100000,
        approx: 'Tens of thousands',
      }),
    ],
  },
  {
    name: 'between … and … range',
    text: 'Between 300 and 400 tanks were destroyed, a senior official told reporters.',
    expect: [C('Between 300 and 400 tanks', 300, 'tanks', 'a senior official', { valueMax: 400 })],
  },
  {
    name: 'dash range',
    text: 'Witnesses counted 300–400 vehicles on the road to Veltra.',
    mentions: [VELTRA],
    expect: [C('300–400 vehicles', 300, 'vehicles', 'witnesses', { valueMax: 400 })],
  },
  {
    name: 'people killed → deaths, hedged by "reportedly"',
    text: 'At least 12 people were reportedly killed in the strike on the market.',
    expect: [C('At least 12 people were reportedly killed', 12, 'deaths', null, { hedged: true, approx: 'At least' })],
  },
  {
    name: 'killing N civilians → deaths',
    text: 'The drone hit a bus near the bridge, killing nearly 30 civilians.',
    expect: [C('nearly 30 civilians', 30, 'deaths', null, { approx: 'nearly' })],
  },
  {
    name: 'wounded → injured',
    text: 'Some 200 wounded were taken to hospitals in Veltra, Lena Morrow said.',
    mentions: [MORROW, VELTRA],
    expect: [C('Some 200 wounded', 200, 'injured', 'Lena Morrow', { approx: 'Some' })],
  },
  {
    name: 'percentages',
    text: 'Turnout fell to 42.5% in the capital and to 38 per cent in the north.',
    expect: [C('42.5%', 42.5, 'percent'), C('38 per cent', 38, 'percent')],
  },
  {
    name: 'money: symbols, suffixes and words',
    text: 'The fund received €12 million from Brussels and $4.5bn in loans, plus 300 million euros in aid.',
    expect: [C('€12 million', 12e6, 'EUR'), C('$4.5bn', 4.5e9, 'USD'), C('300 million euros', 3e8, 'EUR')],
  },
  {
    name: 'claim inside a quote → quote speaker',
    text: '“We have lost 2,000 homes in a week,” Lena Morrow said.',
    mentions: [MORROW],
    quotes: [['We have lost 2,000 homes in a week,', 'Lena Morrow']],
    expect: [C('2,000 homes', 2000, 'homes', 'Lena Morrow')],
  },
  {
    name: 'claim in reported speech → its speaker',
    text: 'Ivo Danek said that as many as 3,000 fighters had surrendered.',
    mentions: [DANEK],
    quotes: [['as many as 3,000 fighters had surrendered', 'Ivo Danek', 'quotes/indirect']],
    expect: [C('as many as 3,000 fighters', 3000, 'fighters', 'Ivo Danek', { approx: 'as many as' })],
  },
  {
    name: 'previous sentence ending with a colon',
    text: 'The army gave its own figures:\n\n1,500 prisoners were taken, the army said.',
    expect: [C('1,500 prisoners', 1500, 'prisoners', 'the army')],
  },
  {
    name: 'hedged "is believed"',
    text: 'The militia is believed to have up to 8,000 fighters.',
    expect: [C('up to 8,000 fighters', 8000, 'fighters', null, { hedged: true, approx: 'up to' })],
  },
  {
    name: 'death toll',
    text: 'The death toll from the flooding rose to 212 on Friday.',
    expect: [C('212', 212, 'deaths')],
  },
  {
    name: 'lower-case plural outside the lexicon',
    text: 'Volunteers delivered 350 ambulances to the front.',
    expect: [C('350 ambulances', 350, 'ambulances')],
  },
  // Fixes found on the example corpus, each with its own fixture.
  {
    name: 'a small spelled-out count of ships is kept, of neighbours it is not',
    text: 'The two neighbours have quarrelled for years. Three cruise ships cancelled their visits.',
    expect: [C('Three cruise ships', 3, 'ships')],
  },
  {
    name: 'a small spelled-out count of an outcome is kept',
    text: 'Two people were killed when the wall fell, the mayor said.',
    expect: [C('Two people were killed', 2, 'deaths', 'the mayor')],
  },
  {
    name: 'service members are troops',
    text: 'Its spokesman, Maj. Gen. Pavel Ostrow, said Wednesday that fewer than 15,000 service members took part.',
    mentions: [['Pavel Ostrow', 'person', 'Pavel Ostrow']],
    expect: [C('fewer than 15,000 service members', 15000, 'troops', 'Pavel Ostrow', { approx: 'fewer than' })],
  },
  {
    name: 'money with mn and a day',
    text: 'The employers said the strike was costing €45mn a day. The regulator imposed a fine of €240mn ($262mn).',
    expect: [C('€45mn', 45e6, 'EUR', 'the employers'), C('€240mn', 240e6, 'EUR'), C('$262mn', 262e6, 'USD')],
  },
  {
    name: 'sentence-initial group is lower-cased',
    text: 'Some analysts warned that a 6.5% deal could spread.',
    expect: [C('6.5%', 6.5, 'percent', 'some analysts')],
  },
  {
    name: 'a cue in a later clause does not cover an earlier number',
    text: 'The stock closed at 38.20 valdors, after prosecutors said they were examining the reports.',
    expect: [C('38.20 valdors', 38.2, 'valdors')],
  },
  {
    name: '"according to" covers its own clause only',
    text: 'Shares fell 14% as prosecutors widened a probe into the flood, which has killed at least 31 people according to the interior ministry.',
    expect: [
      C('14%', 14, 'percent', null, { hedged: true }),
      C('at least 31 people', 31, 'deaths', 'the interior ministry', { hedged: true, approx: 'at least' }),
    ],
  },
  {
    name: 'a new clause after the cue has its own subject',
    text: 'Lena Morrow accused Kestrelgrad of escalating, as satellite images showed tens of thousands of troops.',
    mentions: [MORROW, KESTRELGRAD],
    expect: [
      C('tens of thousands of troops', 20000, 'troops', null, { valueMax: 100000, approx: 'tens of thousands' }),
    ],
  },
  {
    name: 'the audience of "told" is no claim of the speaker',
    text: '"We were pushed into it," Ivo Danek told hundreds of workers at the gate.',
    mentions: [DANEK],
    quotes: [['We were pushed into it,', 'Ivo Danek']],
    expect: [C('hundreds of workers', 200, 'workers', null, { valueMax: 1000, approx: 'hundreds' })],
  },
  {
    name: 'an organisation opening the sentence claims what it states',
    text: 'The Ministry of Defence of Tarskia rejected the reports, stating that fewer than 15,000 servicemen took part.',
    mentions: [['Ministry of Defence of Tarskia', 'organization', 'Ministry of Defence of Tarskia']],
    expect: [
      C('fewer than 15,000 servicemen', 15000, 'troops', 'Ministry of Defence of Tarskia', { approx: 'fewer than' }),
    ],
  },
  // Numbers whose counted noun comes before them, and figure verbs that are not speech cues.
  {
    name: 'a toll of N, with the agent of "announced by" as claimant inside reported speech',
    text: 'The Red Cross said on Friday that at least 34 people had died, seven more than the official toll of 27 announced by the provincial authorities.',
    mentions: [['Red Cross', 'organization', 'Red Cross']],
    quotes: [
      [
        'at least 34 people had died, seven more than the official toll of 27 announced by the provincial authorities',
        null,
        'quotes/indirect',
      ],
    ],
    expect: [
      C('at least 34 people had died', 34, 'deaths', 'Red Cross', { approx: 'at least' }),
      C('27', 27, 'deaths', 'the provincial authorities'),
    ],
  },
  {
    name: '"puts the number of X at N", the nearest figure verb picks the claimant',
    text: 'The government puts the number of people who have left their homes at 20,000, while the Red Cross says nearly 35,000 people are sleeping in shelters.',
    mentions: [['Red Cross', 'organization', 'Red Cross']],
    expect: [
      C('20,000', 20000, 'people', 'the government'),
      C('nearly 35,000 people', 35000, 'people', 'Red Cross', { approx: 'nearly' }),
    ],
  },
  {
    name: '"estimated the crowd at N": people, the estimating body as claimant',
    text: 'Police estimated the crowd at 6,000. The organisers, the Dock Workers Union, said more than 15,000 people took part.',
    mentions: [['Dock Workers Union', 'organization', 'Dock Workers Union']],
    expect: [
      C('6,000', 6000, 'people', 'police', { hedged: true }),
      C('more than 15,000 people', 15000, 'people', 'Dock Workers Union', { approx: 'more than' }),
    ],
  },
  {
    name: '"the true number, including vessels …, was more than N"',
    text: 'The union said the true number, including vessels that had slowed down at sea to avoid the queue, was more than 80.',
    expect: [C('more than 80', 80, 'vessels', 'the union', { approx: 'more than' })],
  },
  {
    name: '"the number of X had exceeded N": an open-ended figure',
    text: 'A senior security official said the real number of troops near the border had at one point exceeded 50,000.',
    expect: [C('exceeded 50,000', 50000, 'troops', 'a senior security official', { approx: 'exceeded' })],
  },
  {
    name: '"the number of people killed rose to N": deaths',
    text: 'The number of people killed in the floods rose to at least 15 on Wednesday, officials said.',
    expect: [C('at least 15', 15, 'deaths', 'officials', { approx: 'at least' })],
  },
  {
    name: '"the figure" points back to the count before it',
    text: 'Aid workers counted 4,800 families in the camps on Friday. On Tuesday the agency had put the figure at 4,200.',
    expect: [C('4,800 families', 4800, 'families', 'aid workers'), C('4,200', 4200, 'families', 'the agency')],
  },
  {
    name: '"have put … at N" by a group, "which spoke of N and N" by the relative\'s antecedent',
    text: 'Western intelligence officials have put the size of the force at more than 55,000 soldiers, above the estimates published by the Tarskian government, which spoke of about 40,000 troops on March 9 and 48,000 three days later.',
    mentions: [['Tarskian government', 'organization', 'Tarskian government']],
    expect: [
      C('more than 55,000 soldiers', 55000, 'troops', 'western intelligence officials', { approx: 'more than' }),
      C('about 40,000 troops', 40000, 'troops', 'Tarskian government', { approx: 'about' }),
      C('48,000', 48000, 'troops', 'Tarskian government'),
    ],
  },
  {
    name: 'a month ending the previous sentence is no date; "it said" after a body that spoke',
    text: 'The ministry saidon Monday that columns had left garrisons since the last week of February. At least 300 tanks had been counted near the border, it said.',
    mentions: [['ministry', 'organization', 'Defence Ministry']],
    expect: [C('At least 300 tanks', 300, 'tanks', 'Defence Ministry', { approx: 'At least' })],
  },
];

describe('claims', () => {
  it.each(CASES)('$name', ({ text, mentions = [], quotes = [], expect: expected }) => {
    const claims = run(text, mentions, quotes);
    expect(
      claims.map((c) => ({
        text: c.text,
        value: c.value,
        ...(c.valueMax !== undefined ? { valueMax: c.valueMax } : {}),
        unit: c.unit,
        claimant: c.claimant?.name ?? null,
        hedged: c.hedged,
        approx: c.approx,
      })),
    ).toEqual(expected);
    claims.forEach((c, i) => {
      expectSpan(text, c, (expected[i] as Expected).text);
    });
  });

  it('keeps the claimant entity id and null ids for unnamed sources', () => {
    const text = '40,000 troops are in Veltra, Ivo Danek said. Officials said 300 tanks had moved.';
    const claims = run(text, [DANEK]);
    expect(claims.map((c) => c.claimant)).toEqual([
      { entityId: 'person:ivo-danek', name: 'Ivo Danek' },
      { entityId: null, name: 'officials' },
    ]);
  });

  it('rules say what kind of claim it is', () => {
    const claims = run('They sent 40 tanks, €3m and 5% of the budget, between 10 and 20 jets.');
    expect(claims.map((c) => c.prov.rule)).toEqual(['claims/count', 'claims/money', 'claims/percent', 'claims/range']);
  });

  it('runs after sentences, entities, quotes and times', () => {
    expect(claimsStage.requires).toEqual(['sentences', 'entities', 'quotes', 'times']);
  });
});

describe('the time a claim refers to', () => {
  /** Claims of `text` with the real times stage run first, the article published on `published`. */
  function withTimes(text: string, published: string | null): ClaimItem[] {
    const doc = docOf(text, {
      published: { date: published, from: null, to: null, how: published ? 'metadata' : 'unknown' },
    });
    doc.layers.entities = [];
    doc.layers.quotes = [];
    doc.layers.times = timesStage.run(doc, ctx) as TimeItem[];
    return claimsStage.run(doc, ctx) as ClaimItem[];
  }

  it('takes the resolved time expression of its own sentence, with its offsets', () => {
    const text = 'Officials counted about 40,000 troops near the border on March 9, 2026. The ministry gave no update.';
    const [claim] = withTimes(text, '2026-03-17');
    expect(claim?.value).toBe(40000);
    expect(claim?.time?.value).toBe('2026-03-09');
    expectSpan(text, claim?.time as { start: number; end: number }, 'March 9, 2026');
  });

  it('takes the nearest of two times in the sentence', () => {
    const text = 'Police counted 6,000 protesters on Monday and 9,000 protesters on Wednesday, officials said.';
    const claims = withTimes(text, '2026-03-13');
    expect(claims.map((c) => [c.value, c.time?.value ?? null])).toEqual([
      [6000, '2026-03-09'],
      [9000, '2026-03-11'],
    ]);
  });

  it('stays null when its sentence names no time, even if the next one does and the date is known', () => {
    const text = 'More than 15,000 people marched through the port. On Friday the union called off the strike.';
    const [claim] = withTimes(text, '2026-03-13');
    expect(claim?.value).toBe(15000);
    expect(claim?.time).toBeNull();
  });

  it('stays null when the time expression cannot be resolved (no publication date)', () => {
    const text = 'About 8,000 people had been evacuated by Tuesday, the governor said.';
    const [claim] = withTimes(text, null);
    expect(claim?.value).toBe(8000);
    expect(claim?.time).toBeNull();
  });
});

describe('parseQuantity', () => {
  it.each([
    ['40,000', 40000],
    ['1.2 million', 1.2e6],
    ['3.5bn', 3.5e9],
    ['12m', 12e6],
    ['two dozen', 24],
    ['a thousand', 1000],
    ['five hundred', 500],
    ['twenty-five', 25],
    ['two hundred thousand', 200000],
  ])('%s → %d', (raw, value) => {
    expect(parseQuantity(raw)?.value).toBe(value);
  });
});

describe('negative cases', () => {
  it.each([
    ['date', 'The offensive began on March 12 and paused on 14 April.'],
    ['years', 'The treaty of 1998 was renewed in 2026.'],
    ['time', 'The first shells fell at 09:41 local time.'],
    ['age', 'A 42-year-old man, aged 42, was arrested; his son is 19 years old.'],
    ['paywall chrome', 'You have 52% of this article left. Subscribe now.'],
    ['comment and share counters', 'Comments (14)\n\nShare 120'],
    ['ordinals', 'It was the 3rd convoy and the 21st day of the siege.'],
    ['phone number', 'Call the hotline on +44 20 7946 0958 for help.'],
    ['street number', 'The office at 12 Harbour Street was closed.'],
    ['number inside an entity name', 'Traffic on Route 9 was diverted.'],
    ['number without a counted noun', 'The vote was 12 to 3 in favour.'],
    ['duration', 'The siege lasted 40 days and the talks 3 hours.'],
    ['model names', 'An F-16 flew over a COVID-19 ward.'],
    ['"one of"', 'One of the soldiers refused to speak.'],
    [
      'small spelled-out counts of generic nouns',
      'The two countries fought a war. Card numbers end in four digits. Here are five steps.',
    ],
    ['small figures of nouns outside the lexicon', 'Read 3 articles a month for free. 7 gadgets we loved.'],
    ['a handful of people in words', 'According to two people who have seen it, the report was shelved.'],
    [
      'a count noun with a measure after the number',
      'The convoy stopped at 12 kilometres from the town, the total at 3 hours.',
    ],
    ['a count noun with a date between', 'The figure for 2025 was revised, officials said.'],
    ['"the number" with no counted noun and nothing before', 'The number to call was 112, and the score was 3.'],
    ['a bare number with its own verb after an outcome', 'Nobody was killed and 30 were rescued from the roofs.'],
  ])('%s', (_name, text) => {
    const mentions: MentionSpec[] = [['Route 9', 'place', 'Route 9']];
    expect(run(text, mentions).map((c) => c.text)).toEqual([]);
  });
});

describe('a messy scraped article', () => {
  const text = `VELTRA — Kestrelgrad has deployed more than 55,000 soldiers along the Oskel river since March 12, Foreign Minister Lena Morrow said on Monday.

The ministry of defence said 3 brigades had moved overnight. According to a senior official who declined to be named, at least 12 people were killed in shelling near Route 9.

An estimated 40% of the valley's 300,000 residents have reportedly fled, the UN refugee agency said.

You have 52% of this article left. Comments (14) Share 120`;
  const mentions: MentionSpec[] = [
    KESTRELGRAD,
    MORROW,
    ['Route 9', 'place', 'Route 9'],
    ['UN refugee agency', 'organization', 'UNHCR'],
  ];

  it('finds the claims, their claimants, and nothing in the page chrome', () => {
    const claims = run(text, mentions);
    expect(claims.map((c) => [c.text, c.value, c.unit, c.claimant?.name ?? null, c.hedged, c.approx])).toEqual([
      ['more than 55,000 soldiers', 55000, 'troops', 'Lena Morrow', false, 'more than'],
      ['3 brigades', 3, 'brigades', 'the ministry of defence', false, null],
      ['at least 12 people were killed', 12, 'deaths', 'a senior official', true, 'at least'],
      ['An estimated 40%', 40, 'percent', 'UNHCR', true, 'An estimated'],
      ['300,000 residents', 300000, 'residents', 'UNHCR', true, null],
    ]);
    for (const c of claims) expect(text.slice(c.start, c.end)).toBe(c.text);
  });
});
