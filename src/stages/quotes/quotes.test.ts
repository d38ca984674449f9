import { describe, expect, it } from 'vitest';
import { docOf, expectSpan } from '../../../test/helpers/docs.js';
import type { Diagnostic } from '../../core/diagnostic.js';
import type { EntityMention, EntityType, NewsDoc, QuoteItem } from '../../core/doc.js';
import type { StageContext } from '../../core/stage.js';
import { matchView } from '../../core/text.js';
import { findQuoteMarks } from './find-quote-marks.js';
import { quotesStage } from './index.js';

/** [substring, type, name, occurrence (0-based, default: every occurrence)] */
type MentionSpec = [string, EntityType, string, number?];

/** A hand-built entities layer: every (or the nth) occurrence of each substring. */
function mentionsOf(text: string, specs: MentionSpec[]): EntityMention[] {
  const out: EntityMention[] = [];
  for (const [needle, type, name, nth] of specs) {
    let at = text.indexOf(needle);
    let n = 0;
    while (at >= 0) {
      if (nth === undefined || nth === n) {
        out.push({
          kind: 'entity',
          start: at,
          end: at + needle.length,
          text: needle,
          type,
          entityId: `${type}:${name.toLowerCase().replace(/[^a-z]+/g, '-')}`,
          name,
          prov: { stage: 'entities', version: 1, rule: 'test' },
        });
      }
      n++;
      at = text.indexOf(needle, at + needle.length);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function run(
  text: string,
  specs: MentionSpec[] = [],
): { quotes: QuoteItem[]; diagnostics: Diagnostic[]; doc: NewsDoc } {
  const doc = docOf(text);
  doc.layers.entities = mentionsOf(text, specs);
  const diagnostics: Diagnostic[] = [];
  const ctx: StageContext = {
    warn: (rule, reason, span) => void diagnostics.push({ severity: 'warning', stage: 'quotes', rule, reason, span }),
    info: (rule, reason, span) => void diagnostics.push({ severity: 'info', stage: 'quotes', rule, reason, span }),
    fail: (rule, reason) => {
      throw new Error(`${rule}: ${reason}`);
    },
    debug: () => {},
  };
  const quotes = quotesStage.run(doc, ctx) as QuoteItem[];
  return { quotes, diagnostics, doc };
}

const MORROW: MentionSpec = ['Lena Morrow', 'person', 'Lena Morrow'];
const MORROW_SHORT: MentionSpec = ['Morrow', 'person', 'Lena Morrow'];
const DANEK: MentionSpec = ['Ivo Danek', 'person', 'Ivo Danek'];
const KESTRELGRAD: MentionSpec = ['Kestrelgrad', 'country', 'Kestrelgrad'];

interface Case {
  name: string;
  text: string;
  mentions: MentionSpec[];
  /** Expected quote span text, speaker name (null = none), cue, rule. */
  expect: Array<[string, string | null, string | null, string]>;
}

const CASES: Case[] = [
  {
    name: 'curly quote, speaker after',
    text: '“We will not retreat from Veltra,” Lena Morrow said on Tuesday.',
    mentions: [MORROW],
    expect: [['We will not retreat from Veltra,', 'Lena Morrow', 'said', 'quotes/direct']],
  },
  {
    name: 'straight quote, inverted "said X" with appositive',
    text: '"The border is closed until further notice," said Lena Morrow, the foreign minister.',
    mentions: [MORROW],
    expect: [['The border is closed until further notice,', 'Lena Morrow', 'said', 'quotes/direct']],
  },
  {
    name: 'guillemets, speaker before with colon',
    text: 'Ivo Danek told reporters: «There will be no second round of talks.»',
    mentions: [DANEK],
    expect: [['There will be no second round of talks.', 'Ivo Danek', 'told', 'quotes/direct']],
  },
  {
    name: 'single curly quotes (British style) with apostrophes inside',
    text: 'Lena Morrow’s office was silent. ‘We don’t negotiate with the soldiers’ commanders,’ Morrow said.',
    mentions: [MORROW, MORROW_SHORT],
    expect: [['We don’t negotiate with the soldiers’ commanders,', 'Lena Morrow', 'said', 'quotes/direct']],
  },
  {
    name: 'partial quote inside a sentence',
    text: 'Lena Morrow described the offensive as “a grave and deliberate mistake” and called for talks.',
    mentions: [MORROW],
    expect: [['a grave and deliberate mistake', 'Lena Morrow', 'described', 'quotes/partial']],
  },
  {
    name: 'partial quote with cue',
    text: 'Morrow warned that the shelling was “a catastrophe for everyone in the valley”.',
    mentions: [MORROW_SHORT],
    expect: [
      ['the shelling was “a catastrophe for everyone in the valley”', 'Lena Morrow', 'warned', 'quotes/indirect'],
      ['a catastrophe for everyone in the valley', 'Lena Morrow', 'warned', 'quotes/partial'],
    ],
  },
  {
    name: 'closing mark glued to the next word',
    text: 'Officials were cautious. “We are checking the reports,”said Ivo Danek, who leads the commission.',
    mentions: [DANEK],
    expect: [['We are checking the reports,', 'Ivo Danek', 'said', 'quotes/direct']],
  },
  {
    name: 'doubled closing mark',
    text: '“The bridge is gone.”” Lena Morrow said. Rescue teams arrived later.',
    mentions: [MORROW],
    expect: [['The bridge is gone.', 'Lena Morrow', 'said', 'quotes/direct']],
  },
  {
    name: 'role resolved through an earlier title + name',
    text: 'Foreign Minister Lena Morrow arrived in Veltra on Monday. “Nobody wants this war,” the foreign minister said.',
    mentions: [MORROW],
    expect: [['Nobody wants this war,', 'Lena Morrow', 'said', 'quotes/direct']],
  },
  {
    name: 'role resolved through an appositive',
    text: 'Ivo Danek, the army chief, met the envoy. “We are ready,” the army chief told state television.',
    mentions: [DANEK],
    expect: [['We are ready,', 'Ivo Danek', 'told', 'quotes/direct']],
  },
  {
    name: 'role the entities stage already linked',
    text: '“The ceasefire holds,” the foreign minister said.',
    mentions: [['the foreign minister', 'person', 'Lena Morrow']],
    expect: [['The ceasefire holds,', 'Lena Morrow', 'said', 'quotes/direct']],
  },
  {
    name: 'unresolved role keeps its words, no id',
    text: '“The ceasefire holds,” the defence minister said.',
    mentions: [],
    expect: [['The ceasefire holds,', 'the defence minister', 'said', 'quotes/direct']],
  },
  {
    name: 'pronoun → nearest preceding person',
    text: 'Ivo Danek spoke after the vote. “This is a dark day,” he added.',
    mentions: [DANEK],
    expect: [['This is a dark day,', 'Ivo Danek', 'added', 'quotes/direct']],
  },
  {
    name: 'pronoun skips people named inside quotes',
    text: '“I called Ivo Danek last night,” Lena Morrow said. “He did not answer,” she added.',
    mentions: [MORROW, DANEK],
    expect: [
      ['I called Ivo Danek last night,', 'Lena Morrow', 'said', 'quotes/direct'],
      ['He did not answer,', 'Lena Morrow', 'added', 'quotes/direct'],
    ],
  },
  {
    name: 'government / country as speaker',
    text: '“Our patience has limits,” Kestrelgrad said in a statement.',
    mentions: [KESTRELGRAD],
    expect: [['Our patience has limits,', 'Kestrelgrad', 'said', 'quotes/direct']],
  },
  {
    name: 'organisation resolved from "the ministry"',
    text: 'The Kestrelgrad Interior Ministry issued new rules. “Checkpoints will stay,” the ministry said.',
    mentions: [['Kestrelgrad Interior Ministry', 'organization', 'Interior Ministry of Kestrelgrad']],
    expect: [['Checkpoints will stay,', 'Interior Ministry of Kestrelgrad', 'said', 'quotes/direct']],
  },
  {
    name: 'possessive country is not the speaker',
    text: '“We are not at war,” Kestrelgrad’s foreign minister said.',
    mentions: [KESTRELGRAD],
    expect: [['We are not at war,', 'Kestrelgrad’s foreign minister', 'said', 'quotes/direct']],
  },
  {
    name: 'unnamed source with relative clause',
    text: '“The talks are dead,” a senior official who declined to be named told Reuters.',
    mentions: [['Reuters', 'organization', 'Reuters']],
    expect: [['The talks are dead,', 'a senior official', 'told', 'quotes/direct']],
  },
  {
    name: 'according to an unnamed source',
    text: 'According to a spokesperson, “the convoy was never authorised”.',
    mentions: [],
    expect: [['the convoy was never authorised', 'a spokesperson', 'according to', 'quotes/partial']],
  },
  {
    name: 'interrupted quote: both halves to the same speaker',
    text: '“We will not retreat,” Morrow said, “not one metre.”',
    mentions: [MORROW_SHORT],
    expect: [
      ['We will not retreat,', 'Lena Morrow', 'said', 'quotes/direct'],
      ['not one metre.', 'Lena Morrow', 'said', 'quotes/direct'],
    ],
  },
  {
    name: 'multi-paragraph quote',
    text: 'Morrow spoke for an hour.\n\n“The first convoy left at dawn. It never arrived.\n\n“The second convoy is waiting at the border,” she said.',
    mentions: [MORROW_SHORT],
    expect: [
      [
        'The first convoy left at dawn. It never arrived.\n\n“The second convoy is waiting at the border,',
        'Lena Morrow',
        'said',
        'quotes/multi-paragraph',
      ],
    ],
  },
  {
    name: 'quote continues into the next sentence',
    text: '“We will fight,” Lena Morrow said. “We will win.”',
    mentions: [MORROW],
    expect: [
      ['We will fight,', 'Lena Morrow', 'said', 'quotes/direct'],
      ['We will win.', 'Lena Morrow', 'said', 'quotes/direct'],
    ],
  },
  {
    name: 'speaker in the previous sentence ending with a colon',
    text: 'In a short statement, Ivo Danek said:\n\n“The army will hold the line.”',
    mentions: [DANEK],
    expect: [['The army will hold the line.', 'Ivo Danek', 'said', 'quotes/direct']],
  },
  {
    name: 'speaker at the start of the next sentence',
    text: '“The river crossing is mined.” Ivo Danek said this to reporters at the front.',
    mentions: [DANEK],
    expect: [['The river crossing is mined.', 'Ivo Danek', 'said', 'quotes/direct']],
  },
  {
    name: 'indirect speech with a time phrase',
    text: 'Lena Morrow said on Tuesday that the border would reopen within a week.',
    mentions: [MORROW],
    expect: [['the border would reopen within a week', 'Lena Morrow', 'said', 'quotes/indirect']],
  },
  {
    name: 'indirect speech with an audience',
    text: 'Ivo Danek told reporters in Veltra that no troops had crossed the river.',
    mentions: [DANEK],
    expect: [['no troops had crossed the river', 'Ivo Danek', 'told', 'quotes/indirect']],
  },
  {
    name: 'tweeted',
    text: '“Shame on them,” Ivo Danek tweeted late on Sunday.',
    mentions: [DANEK],
    expect: [['Shame on them,', 'Ivo Danek', 'tweeted', 'quotes/direct']],
  },
  // Speaker fixes found on the example corpus, each with its own fixture.
  {
    name: 'sentence-initial description is lower-cased',
    text: 'Some analysts warned that the deal could spread to other ports.',
    mentions: [],
    expect: [['the deal could spread to other ports', 'some analysts', 'warned', 'quotes/indirect']],
  },
  {
    name: 'unnamed source with a long tail: whole phrase, no tail, no cut word',
    text: 'Officials met at noon. A senior Tarskian official, speaking on condition of anonymity because he was not authorised to brief reporters, said the drills would end "within days, not weeks."',
    mentions: [],
    expect: [['within days, not weeks.', 'a senior Tarskian official', 'said', 'quotes/partial']],
  },
  {
    name: '"the official" points back to the unnamed source before it',
    text: 'A senior Norland security official said the number was higher. “Twenty thousand is a start,” the official said.',
    mentions: [],
    expect: [
      ['the number was higher', 'a senior Norland security official', 'said', 'quotes/reported'],
      ['Twenty thousand is a start,', 'a senior Norland security official', 'said', 'quotes/direct'],
    ],
  },
  {
    name: '"she said" after an unnamed person source, not an earlier name',
    text: 'Lena Morrow called it progress. In Oskel, a local councillor said the convoys were still audible. “Maybe they are leaving,” she said.',
    mentions: [MORROW],
    expect: [
      ['the convoys were still audible', 'a local councillor', 'said', 'quotes/reported'],
      ['Maybe they are leaving,', 'a local councillor', 'said', 'quotes/direct'],
    ],
  },
  {
    name: '"the company" is the business the article names most',
    text: 'Brackwater Systems disclosed a breach. Brackwater Systems blamed hackers. Greyline Labs confirmed it. The company said that attackers had used a contractor account.',
    mentions: [
      ['Brackwater Systems', 'organization', 'Brackwater Systems'],
      ['Greyline Labs', 'organization', 'Greyline Labs'],
    ],
    expect: [['attackers had used a contractor account', 'Brackwater Systems', 'said', 'quotes/indirect']],
  },
  {
    name: 'role after the cue introduces the name',
    text: '“Cargo is being rerouted,” said ESEA spokesman Henrik Vosk. “Our members are counting the days,” said the chamber’s director general, Vaclav Mrazek.',
    mentions: [
      ['Henrik Vosk', 'person', 'Henrik Vosk'],
      ['Vaclav Mrazek', 'person', 'Vaclav Mrazek'],
    ],
    expect: [
      ['Cargo is being rerouted,', 'Henrik Vosk', 'said', 'quotes/direct'],
      ['Our members are counting the days,', 'Vaclav Mrazek', 'said', 'quotes/direct'],
    ],
  },
  {
    name: 'appositive description after an organisation',
    text: 'Greyline Labs, the firm whose researchers first warned that the breach was bigger, called it "a step towards the truth".',
    mentions: [['Greyline Labs', 'organization', 'Greyline Labs']],
    expect: [
      ['the breach was bigger, called it "a step towards the truth"', 'Greyline Labs', 'warned', 'quotes/indirect'],
      ['a step towards the truth', 'Greyline Labs', 'called', 'quotes/partial'],
    ],
  },
  {
    name: 'multi-paragraph quote introduced by "read a prepared statement"',
    text: 'Oskar Lindberg read a prepared statement before taking questions.\n\n"We let you down.\n\n"Every affected customer will be paid back."',
    mentions: [['Oskar Lindberg', 'person', 'Oskar Lindberg']],
    expect: [
      [
        'We let you down.\n\n"Every affected customer will be paid back.',
        'Oskar Lindberg',
        null,
        'quotes/multi-paragraph',
      ],
    ],
  },
  {
    name: 'coordinated verbs share the subject, each with its own clause',
    text: 'Ilse Marek spoke first. She said the army had cancelled leave but stressed that no reservists had been mobilised.',
    mentions: [['Ilse Marek', 'person', 'Ilse Marek']],
    expect: [
      ['the army had cancelled leave', 'Ilse Marek', 'said', 'quotes/reported'],
      ['no reservists had been mobilised', 'Ilse Marek', 'stressed', 'quotes/indirect'],
    ],
  },
  {
    name: 'organisation opening the sentence is the subject of a later "said that"',
    text: 'The Calloway Port Authority put the number of strikers at 7,500 and said that some terminals were still working.',
    mentions: [['Calloway Port Authority', 'organization', 'Calloway Port Authority']],
    expect: [['some terminals were still working', 'Calloway Port Authority', 'said', 'quotes/indirect']],
  },
  {
    name: 'a second partial quote takes the cue before the first',
    text: 'Chief executive Oskar Lindberg said the breach was "the most serious incident in our history" and that he took "full personal responsibility".',
    mentions: [['Oskar Lindberg', 'person', 'Oskar Lindberg']],
    expect: [
      ['the most serious incident in our history', 'Oskar Lindberg', 'said', 'quotes/partial'],
      ['full personal responsibility', 'Oskar Lindberg', 'said', 'quotes/partial'],
    ],
  },
  {
    name: '"said that was": the pronoun "that" starts no reported clause',
    text: 'Asked about allies, the colonel said that was "a question for the politicians."',
    mentions: [],
    expect: [['a question for the politicians.', 'the colonel', 'said', 'quotes/partial']],
  },
  {
    name: 'a published statement speaks for its author',
    text: 'A statement published by the Tarskian Defence Ministry late on Monday described “planned readiness exercises” in the west.',
    mentions: [['Tarskian Defence Ministry', 'organization', 'Tarskian Defence Ministry']],
    expect: [['planned readiness exercises', 'Tarskian Defence Ministry', 'described', 'quotes/partial']],
  },
];

describe('quotes', () => {
  it.each(CASES)('$name', ({ text, mentions, expect: expected }) => {
    const { quotes } = run(text, mentions);
    expect(quotes.map((q) => [q.text, q.speaker?.name ?? null, q.cue, q.prov.rule])).toEqual(expected);
    for (let i = 0; i < expected.length; i++) {
      expectSpan(text, quotes[i] as QuoteItem, expected[i]?.[0] ?? '');
    }
  });

  it('keeps the entity id of a named speaker', () => {
    const { quotes } = run('“Enough,” said Lena Morrow.', [MORROW]);
    expect(quotes[0]?.speaker).toEqual({ entityId: 'person:lena-morrow', name: 'Lena Morrow' });
  });

  it('unnamed sources have a null entity id', () => {
    const { quotes } = run('“The talks are dead,” officials said.');
    expect(quotes[0]?.speaker).toEqual({ entityId: null, name: 'officials' });
  });

  it('unclosed quote: closes at the paragraph end and warns', () => {
    const text = '“We have nothing more to say, Ivo Danek said as he left the hall.\n\nThe meeting ended at noon.';
    const { quotes, diagnostics } = run(text, [DANEK]);
    expect(quotes).toHaveLength(1);
    expectSpan(text, quotes[0] as QuoteItem, 'We have nothing more to say, Ivo Danek said as he left the hall.');
    expect(quotes[0]?.prov.rule).toBe('quotes/unclosed');
    expect(diagnostics.map((d) => d.rule)).toEqual(['quotes/unclosed-quote']);
  });

  it('runs after sentences and entities', () => {
    expect(quotesStage.requires).toEqual(['sentences', 'entities']);
  });
});

describe('negative cases', () => {
  it.each([
    ['apostrophes', 'Kestrelgrad’s army didn’t move, and the soldiers’ families weren’t told.'],
    ['scare quotes', 'The so-called “liberation” of the valley began on Monday.'],
    ['title in quotes', 'The ministry published a report titled “Winter Harvest Plan” on Monday.'],
    ['inch mark', 'The shell left a crater 40" deep near the road.'],
    ['no quotes, no that-clause', 'Lena Morrow said nothing as she left the building.'],
    ['“that” as a pronoun after a cue', 'Asked about the convoy, Morrow said that.'],
  ])('%s', (_name, text) => {
    expect(run(text, [MORROW, MORROW_SHORT, KESTRELGRAD]).quotes).toEqual([]);
  });

  it('straight apostrophes are no quotation marks: only the reported clause is found', () => {
    const text = "Morrow's aides say it's the soldiers' decision, not Danek's.";
    const { quotes } = run(text, [MORROW, MORROW_SHORT, KESTRELGRAD]);
    expect(quotes.map((q) => [q.text, q.prov.rule])).toEqual([
      ["it's the soldiers' decision, not Danek's", 'quotes/reported'],
    ]);
  });

  it('no speaker when nothing is in reach', () => {
    const { quotes } = run('The crowd chanted. “Bread and peace for everyone!” The police watched from a distance.');
    expect(quotes.map((q) => [q.text, q.speaker])).toEqual([['Bread and peace for everyone!', null]]);
  });

  it('an unresolvable "it" stays null', () => {
    const { quotes } = run('“The figures are accurate,” it said.');
    expect(quotes[0]?.speaker).toBeNull();
    expect(quotes[0]?.cue).toBe('said');
  });

  it('a pronoun with no earlier person stays null', () => {
    const { quotes } = run('“We are ready,” she said.');
    expect(quotes[0]?.speaker).toBeNull();
  });
});

describe('findQuoteMarks', () => {
  it('pairs nested quotes into the outer one', () => {
    const text = '“He told me ‘never again’ and left,” Morrow said.';
    const marks = findQuoteMarks(text, matchView(text));
    expect(marks.map((m) => text.slice(m.start, m.end))).toEqual(['He told me ‘never again’ and left,']);
  });
});

describe('a messy scraped article', () => {
  const text = `VELTRA — Kestrelgrad has deployed more than 55,000 soldiers along the Oskel river, Foreign Minister Lena Morrow said on Monday.

"We are watching every crossing,”said Morrow, speaking in Veltra. "Nobody wants a war. But we will not be intimidated.""

‘The figures are exaggerated,’ said Ivo Danek, Kestrelgrad's army chief. He added that only 20,000 troops were in the area.

“Tens of thousands of families have left their homes.

“They need aid before winter,” the foreign minister told reporters.

You have 52% of this article left. Comments (14)`;
  const mentions: MentionSpec[] = [
    MORROW,
    DANEK,
    KESTRELGRAD,
    ['Veltra', 'place', 'Veltra'],
    ['Morrow', 'person', 'Lena Morrow', 1],
  ];

  it('finds every quote with its speaker, in order', () => {
    const { quotes, diagnostics } = run(text, mentions);
    expect(quotes.map((q) => [q.text, q.speaker?.name ?? null, q.cue, q.prov.rule])).toEqual([
      ['We are watching every crossing,', 'Lena Morrow', 'said', 'quotes/direct'],
      ['Nobody wants a war. But we will not be intimidated.', 'Lena Morrow', 'said', 'quotes/direct'],
      ['The figures are exaggerated,', 'Ivo Danek', 'said', 'quotes/direct'],
      ['only 20,000 troops were in the area', 'Ivo Danek', 'added', 'quotes/indirect'],
      [
        'Tens of thousands of families have left their homes.\n\n“They need aid before winter,',
        'Lena Morrow',
        'told',
        'quotes/multi-paragraph',
      ],
    ]);
    for (const q of quotes) expect(text.slice(q.start, q.end)).toBe(q.text);
    expect(diagnostics).toEqual([]);
  });
});

/**
 * Hostile input (issue 5): no crash, valid spans, bounded output. Every search in the stage is
 * windowed or binary, so these stay linear; the time is measured in `npm run bench:quotes`
 * (pathological rows), never asserted here.
 */
describe('pathological input', () => {
  const FILLER = ['the', 'port', 'talks', 'would', 'resume', 'on', 'Tuesday', 'Morrow', 'said'];
  const words = (n: number) => Array.from({ length: n }, (_, i) => FILLER[i % FILLER.length]).join(' ');
  const expectValid = (text: string, quotes: QuoteItem[]) => {
    for (const q of quotes) {
      expect(q.end).toBeGreaterThan(q.start);
      expect(text.slice(q.start, q.end)).toBe(q.text);
    }
  };

  it('10 000 opening marks, none closed', () => {
    const text = Array.from({ length: 10_000 }, (_, i) => `“word${i} and more`).join(' ');
    const { quotes, diagnostics } = run(text);
    expectValid(text, quotes);
    expect(quotes.length).toBeLessThanOrEqual(10_000);
    expect(diagnostics.every((d) => d.rule === 'quotes/unclosed-quote')).toBe(true);
  });

  it('10 000 straight marks with cues between them', () => {
    const text = Array.from({ length: 10_000 }, (_, i) => `"word${i} said Lena Morrow`).join(' ');
    const { quotes } = run(text, [MORROW]);
    expectValid(text, quotes);
    expect(quotes.length).toBeLessThanOrEqual(10_000);
  });

  it('a 200 KB quote is one quote with its speaker', () => {
    const body = words(36_000);
    const text = `Lena Morrow said: “${body}.” She left.`;
    expect(text.length).toBeGreaterThan(200_000);
    const { quotes } = run(text, [MORROW]);
    const long = quotes.filter((q) => q.text.length > 100_000);
    expect(long).toHaveLength(1);
    expect(long[0]?.speaker?.name).toBe('Lena Morrow');
    expectValid(text, quotes);
  });

  it('quotes nested three deep fold into the outer quote', () => {
    const one = 'Lena Morrow said: “Ivo told me ‘Ana said “we will go” to him’ yesterday.” ';
    const text = one.repeat(500);
    const { quotes } = run(text, [MORROW]);
    expectValid(text, quotes);
    expect(quotes).toHaveLength(500);
    expect(quotes.every((q) => q.text.startsWith('Ivo told me') && q.speaker?.name === 'Lena Morrow')).toBe(true);
  });

  it('a quote mark around every word', () => {
    const text = words(20_000)
      .split(' ')
      .map((w) => `"${w}"`)
      .join(' ');
    const { quotes } = run(text, [MORROW_SHORT]);
    expectValid(text, quotes);
    // Single quoted words are scare quotes or names, never partial quotes on their own.
    expect(quotes.length).toBeLessThan(20_000 / 2);
  });
});

describe('PolNeAR-style attributions (issue 5 follow-up)', () => {
  it('reads doubled apostrophes as double quotation marks, with the speaker after them', () => {
    const text =
      "''The levy will not raise a cent,'' said Ines Varga, a tax lawyer in Corlan. ''It moves money around.''";
    const { quotes } = run(text, [['Ines Varga', 'person', 'Ines Varga']]);
    const first = quotes.find((q) => q.text.startsWith('The levy'));
    expect(first?.text).toBe('The levy will not raise a cent,');
    expect(first?.speaker?.name).toBe('Ines Varga');
    expect(quotes.find((q) => q.text === 'It moves money around.')?.speaker?.name).toBe('Ines Varga');
  });

  it('gives a partial quote the subject of the stance verb before it', () => {
    const text =
      'Mayor Odile Brant is promising cheaper buses and “a ticket for every pocket,” but the council doubts it.';
    const { quotes } = run(text, [['Odile Brant', 'person', 'Odile Brant']]);
    const q = quotes.find((x) => x.text.startsWith('a ticket'));
    expect(q?.speaker?.name).toBe('Odile Brant');
    expect(q?.cue).toBe('is promising');
  });

  it('leaves a partial quote without a stance verb and subject unattributed', () => {
    const text = 'The plan, dubbed “a ticket for every pocket,” goes to a vote on Monday.';
    const { quotes } = run(text);
    expect(quotes.find((x) => x.text.startsWith('a ticket'))?.speaker ?? null).toBeNull();
  });

  it('reads a long subject between the closing mark and the cue: party tag, apposition, description', () => {
    const text =
      '“The dam is safe for now,” Rep. Lior Hasek (D-Ore.) said on Friday. “Nobody asked us,” a farmer from the lower valley said. “We will appeal,” Mara Quist, the mayor of Tellin, said.';
    const { quotes } = run(text, [
      ['Lior Hasek', 'person', 'Lior Hasek'],
      ['Mara Quist', 'person', 'Mara Quist'],
    ]);
    expect(quotes.find((q) => q.text.startsWith('The dam'))?.speaker?.name).toBe('Lior Hasek');
    const farmer = quotes.find((q) => q.text.startsWith('Nobody'));
    expect(farmer?.speaker).toEqual({ entityId: null, name: 'a farmer from the lower valley' });
    expect(quotes.find((q) => q.text.startsWith('We will appeal'))?.speaker?.name).toBe('Mara Quist');
  });

  it('takes the signature after a dash as the speaker of a quoted comment', () => {
    const text =
      'Readers wrote in after the vote.\n\n“The bridge was never about traffic.” ― Pia Lendl\n\n“Build it anyway.” ― Arno Feist';
    const { quotes } = run(text);
    expect(quotes.find((q) => q.text.startsWith('The bridge'))?.speaker?.name).toBe('Pia Lendl');
    expect(quotes.find((q) => q.text.startsWith('Build'))?.speaker?.name).toBe('Arno Feist');
  });

  it('splits a transcript into one quote per "NAME:" line, the label resolved to the named person', () => {
    const text =
      'Senator Rhea Cole spoke to the host, Tom Ballard, on Sunday. A partial transcript:\n\n"BALLARD: Will you vote for the budget?\n\n"COLE: Not in this form. It cuts “every rural clinic” we have.\n\nUPDATE: The vote was delayed.';
    const { quotes } = run(text, [
      ['Rhea Cole', 'person', 'Rhea Cole'],
      ['Tom Ballard', 'person', 'Tom Ballard'],
    ]);
    const lines = quotes.filter((q) => q.prov.rule === 'quotes/transcript');
    expect(lines.map((q) => [q.text, q.speaker?.name])).toEqual([
      ['Will you vote for the budget', 'Tom Ballard'],
      ['Not in this form. It cuts “every rural clinic” we have', 'Rhea Cole'],
    ]);
    const partial = quotes.find((q) => q.text === 'every rural clinic');
    if (partial) expect(partial.speaker?.name).toBe('Rhea Cole');
    expect(quotes.some((q) => q.text.includes('The vote was delayed'))).toBe(false);
  });

  it('does not read a lone capitalised heading as a transcript line', () => {
    const text = 'WASHINGTON: The senate met on Monday. UPDATE: the vote was delayed.';
    const { quotes } = run(text);
    expect(quotes.filter((q) => q.prov.rule === 'quotes/transcript')).toEqual([]);
  });
});

describe('a line opening with a name and a colon', () => {
  it('attributes the quote on a "Name: …" line to the named person, and not to a section label', () => {
    const text = 'Ada Rusk: “The levy is theft.”\n\nUpdate: “All lines are closed,” the notice read on the door.';
    const { quotes } = run(text, [['Ada Rusk', 'person', 'Ada Rusk']]);
    expect(quotes.find((q) => q.text.startsWith('The levy'))?.speaker?.name).toBe('Ada Rusk');
    expect(quotes.find((q) => q.text.startsWith('All lines'))?.speaker?.name).not.toBe('Update');
  });
});

describe('reported speech beyond "said that" (PolNeAR-style, issue 5)', () => {
  const OSTRIK: MentionSpec = ['Pavel Ostrik', 'person', 'Pavel Ostrik'];
  const VARGA: MentionSpec = ['Vera Varga', 'person', 'Vera Varga'];
  const rows = (text: string, specs: MentionSpec[] = []) =>
    run(text, specs).quotes.map((q) => [q.text, q.speaker?.name ?? null, q.cue, q.prov.rule]);

  it('gives each of two coordinated attributions its own clause and the shared subject', () => {
    expect(
      rows('Vera Varga says the ferry will run on Sunday and said she would ask the port for more crews.', [VARGA]),
    ).toEqual([
      ['the ferry will run on Sunday', 'Vera Varga', 'says', 'quotes/reported'],
      ['she would ask the port for more crews', 'Vera Varga', 'said', 'quotes/reported'],
    ]);
  });

  it('reads stance verbs with an auxiliary and a particle as the cue, the object as the content', () => {
    expect(rows('Pavel Ostrik is demanding a full inquiry into the harbour fire.', [OSTRIK])).toEqual([
      ['a full inquiry into the harbour fire', 'Pavel Ostrik', 'is demanding', 'quotes/reported'],
    ]);
    expect(rows('Pavel Ostrik complained about the slow pace of the repairs.', [OSTRIK])).toEqual([
      ['the slow pace of the repairs', 'Pavel Ostrik', 'complained about', 'quotes/reported'],
    ]);
  });

  it('keeps a source after "according to" that no entity names as its words', () => {
    const { quotes } = run('Ferry traffic fell by a third in March, according to the harbour survey.');
    expect(quotes.map((q) => [q.text, q.speaker, q.prov.rule])).toEqual([
      ['Ferry traffic fell by a third in March', { entityId: null, name: 'the harbour survey' }, 'quotes/according-to'],
    ]);
  });

  it('takes a plural subject opening the sentence as an unnamed source, lower-cased', () => {
    expect(rows('Dockworkers at the southern terminal say the night shift will stop.')).toEqual([
      ['the night shift will stop', 'dockworkers at the southern terminal', 'say', 'quotes/reported'],
    ]);
  });

  it('reads participles after a comma as cues of the subject of the sentence', () => {
    expect(rows('Vera Varga defended the timetable, arguing that the crews needed rest.', [VARGA])).toEqual([
      ['the crews needed rest', 'Vera Varga', 'arguing', 'quotes/reported'],
    ]);
  });

  it('a quote continued after its cue keeps the cue and speaker spans of its first piece', () => {
    const text = '“We will not close the port,” he said on Monday. “The ferries keep running.”';
    const { quotes } = run(`Pavel Ostrik spoke first. ${text}`, [OSTRIK]);
    expect(quotes.map((q) => q.speaker?.name)).toEqual(['Pavel Ostrik', 'Pavel Ostrik']);
    const [first, second] = quotes as [QuoteItem, QuoteItem];
    expect(second.cueSpan).toEqual(first.cueSpan);
    expect(second.speakerSpan).toEqual(first.speakerSpan);
  });

  it('an unresolved "they" still marks where the speaker words sit', () => {
    const text = 'They say the ferry timetable was changed without notice.';
    const [q] = run(text).quotes;
    expect(q?.speaker).toBeNull();
    expect(q?.speakerSpan).toEqual({ start: 0, end: 4 });
  });
});
