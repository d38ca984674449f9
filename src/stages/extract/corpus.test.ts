/**
 * Regression on the bundled example corpus (`examples/corpus/`, ground truth in its README.md):
 * every file's title, site, publication date, author and wire credits, and the removed/kept
 * pieces the README calls out as messes.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../core/doc.js';
import { extractArticle } from './index.js';

/** Removed pieces without their original offsets (tested on their own in offsets.test.ts). */
const withoutOffsets = (removed: readonly { text: string; reason: string }[]) =>
  removed.map(({ text, reason }) => ({ text, reason }));

const DIR = join(import.meta.dirname, '../../../examples/corpus');

function load(prefix: string): Article {
  const file = readdirSync(DIR).find((f) => f.startsWith(prefix));
  if (!file) throw new Error(`no corpus file ${prefix}`);
  const content = readFileSync(join(DIR, file), 'utf8');
  const { article } = extractArticle({
    origin: file,
    content,
    mediaType: file.endsWith('.html') ? 'text/html' : 'text/plain',
    contentHash: createHash('sha256').update(content).digest('hex'),
    meta: {},
  });
  if (!article) throw new Error(`no article in ${file}`);
  return article;
}

const MERIDIAN = 'The Meridian Post';
const TODAY = 'Valdoria Today';
const COAST = 'Coastline Daily';
const HERALD = 'Northgate Herald';
const LEDGER = 'Global Ledger';

/** [file prefix, title, site, date (null = none; [from, to] = range), author, wire]. */
const EXPECTED: Array<[string, string, string, string | null, string | null, string[]]> = [
  [
    'border-01',
    'Kestria masses troops on Varro border as Merida City summons ambassador',
    MERIDIAN,
    '2026-03-10',
    'Lidia Markova',
    [],
  ],
  ['border-02', 'Defence ministry: 41,000 Kestrian troops near Varro border', TODAY, '2026-03-10', 'Petra Nowak', []],
  [
    'border-03',
    'Defence ministry: Varro exercises proceed according to plan',
    'Kestrel News Network',
    '2026-03-11',
    null,
    [],
  ],
  [
    'border-04',
    'Ministry of defense: exercises in Varro direction are going according to the plan',
    'Kestria Daily Voice',
    '2026-03-11',
    null,
    [],
  ],
  [
    'border-05',
    "Valdoria accuses Kestria of 'raising the temperature' as troops mass on border",
    COAST,
    '2026-03-12',
    null,
    ['AP'],
  ],
  [
    'border-06',
    'Kestria has 48,000 troops near border, Valdoria says; UN offers talks',
    HERALD,
    '2026-03-12',
    null,
    ['AP'],
  ],
  ['border-07', 'Valdor slides as Kestria border stand-off deepens', LEDGER, '2026-03-12', null, ['AP']],
  ['border-08', 'UN urges restraint as Kestria-Valdoria border tensions rise', 'WorldWire Digest', null, null, ['AP']],
  [
    'border-09',
    'Kestria to pull back 20,000 troops after Geneva talks, but Valdoria wants proof',
    HERALD,
    '2026-03-18',
    'Anders Kvist',
    [],
  ],
  [
    'border-10',
    'Kestria announces partial withdrawal from Varro border after Geneva talks',
    MERIDIAN,
    '2026-03-17',
    'Lidia Markova',
    [],
  ],
  [
    'breach-01',
    'Quillon discloses data breach affecting 4.2mn QuillPay customers',
    LEDGER,
    '2026-03-10',
    'Sana Mirza',
    [],
  ],
  [
    'breach-02',
    'QuillPay hack: up to six million accounts may be exposed, researchers warn',
    HERALD,
    '2026-03-10',
    'Mikael Strand',
    [],
  ],
  [
    'breach-03',
    'Estmark regulator opens formal probe into Quillon as shares slide 18%',
    LEDGER,
    '2026-03-13',
    'Sana Mirza',
    [],
  ],
  [
    'breach-04',
    '"We let you down": QuillPay boss apologises as breach estimate rises to 4.8 million',
    COAST,
    '2026-03-13',
    'Jens Larsen',
    [],
  ],
  [
    'breach-05',
    'Quillon hit with €240mn provisional fine over QuillPay breach',
    LEDGER,
    '2026-03-19',
    'Sana Mirza',
    [],
  ],
  [
    'breach-06',
    'QuillPay owner fined record €260 million; Valdorian users still waiting for answers',
    MERIDIAN,
    '2026-03-19',
    'Roman Siska',
    [],
  ],
  [
    'flood-01',
    'Upper Kell dam collapses, flooding Brenmouth: at least 12 dead',
    TODAY,
    '2026-03-11',
    'Tomas Brezina',
    [],
  ],
  [
    'flood-02',
    'Valdoria dam disaster: death toll rises to 15, thousands flee Kell valley',
    COAST,
    '2026-03-11',
    'Hanne Solvik',
    [],
  ],
  ['flood-03', 'Haldane floods: death toll rises to 19 as water reaches Aldmere', TODAY, '2026-03-12', null, []],
  [
    'flood-04',
    'Red Cross says Haldane death toll higher than official figure as anger grows',
    MERIDIAN,
    '2026-03-13',
    'Jakub Ferenc and Lidia Markova',
    [],
  ],
  [
    'flood-05',
    'Valmont Energy shares tumble as Kell dam owner faces criminal probe',
    LEDGER,
    '2026-03-14',
    null,
    ['AFP'],
  ],
  [
    'flood-06',
    '"The river came through the front door": survivors of the Kell valley flood',
    HERALD,
    null,
    'Ingrid Sauer',
    [],
  ],
  ['flood-07', 'KellHydro chief detained as Haldane flood toll reaches 41', TODAY, '2026-03-18', 'Tomas Brezina', []],
  [
    'strike-01',
    'Dockworkers walk out at Port Calloway in biggest strike for 20 years',
    HERALD,
    '2026-03-12',
    'Sofia Lindahl',
    [],
  ],
  [
    'strike-02',
    'Port grinds to a halt as dockers strike: "We are not going anywhere"',
    COAST,
    '2026-03-12',
    'Kasper Thun',
    [],
  ],
  [
    'strike-03',
    'Estmark port strike spreads after talks collapse; employers put cost at €45mn a day',
    LEDGER,
    '2026-03-16',
    'Niklas Berg',
    [],
  ],
  [
    'strike-04',
    'Thousands march through Port Calloway as strike enters fifth day',
    COAST,
    '2026-03-16',
    'Kasper Thun and Lena Moberg',
    [],
  ],
  [
    'strike-05',
    'Port strike ends with tentative deal: dockers to get 6.5% over two years',
    HERALD,
    '2026-03-20',
    'Sofia Lindahl',
    [],
  ],
  ['strike-06', 'Estmark dock strike over as union wins 7% pay rise', MERIDIAN, '2026-03-20', 'Roman Siska', []],
];

describe('extract on the example corpus', () => {
  it.each(EXPECTED)('%s: title, site, date, author, wire', (prefix, title, site, date, author, wire) => {
    const a = load(prefix);
    expect(a.title).toBe(title);
    expect(a.site).toBe(site);
    expect(a.published.date).toBe(date);
    if (date === null) expect(a.published).toMatchObject({ from: null, to: null, how: 'unknown' });
    expect(a.author).toBe(author);
    expect(a.wire).toEqual(wire);
  });

  /** Boilerplate the README lists, per file, as [reason, text] pairs that must be in `removed`. */
  const REMOVED: Array<[string, Array<[string, string]>]> = [
    [
      'border-01',
      [
        ['banner', 'THE MERIDIAN POST — Independent news since 1921'],
        ['category-label', 'WORLD'],
        ['share-prompt', 'Share on Facebook Share on X Email'],
        ['photo-credit', '(Photo: Tomas Heyl/AFP)'],
        [
          'newsletter',
          "SIGN UP for The Meridian Post Morning Briefing — the day's top stories in your inbox by 7am. Enter your email address [Subscribe]",
        ],
        ['navigation', '« Previous article | Next article »'],
      ],
    ],
    [
      'border-04',
      [
        ['navigation', 'News | Politics | Defense | Society | Sport'],
        ['disclaimer', 'Translated automatically. The editorial board is not responsible for quality of translation.'],
        ['tags', 'Tags: defense, valdoria, exercises'],
        ['share-prompt', 'Share: VK | Telegram | Facebook'],
        ['comment-form', 'Comments: 0 | To leave comment, please enter'],
      ],
    ],
    [
      'border-05',
      [
        ['tagline', 'News from the coast and the world'],
        ['category-label', 'World | Europe'],
        ['byline', 'By The Associated Press'],
        ['photo-credit', 'Photo: Reuters'],
        ['credits', 'Associated Press writer Marek Lind in Lindgate, Estmark, contributed to this report.'],
      ],
    ],
    [
      'border-07',
      [
        ['navigation', 'Markets · Companies · Economy · World · Opinion'],
        ['wire-credit', 'Associated Press'],
      ],
    ],
    [
      'border-08',
      [
        ['banner', "WorldWire Digest — the world's headlines in one place"],
        ['source-credit', 'Source: AP | 4 min read'],
        ['advertisement', 'Sponsored: 7 gadgets every traveller needs this spring'],
        ['related-links', 'Trending on WorldWire Digest'],
        ['share-prompt', 'Like this story? Share on Facebook Share on X Email'],
        ['wire-credit', '— AP'],
      ],
    ],
    [
      'border-09',
      [
        ['tagline', "Estmark's independent voice"],
        ['repeated-title', 'Kestria to pull back 20,000 troops after Geneva talks, but Valdoria wants proof'],
        ['byline', 'Anders Kvist, Foreign Editor'],
        ['category-label', 'WORLD'],
        [
          'subscription',
          'Subscribe to the Northgate Herald for unlimited access to our foreign coverage. First month free.',
        ],
      ],
    ],
    [
      'border-10',
      [
        ['subscription', 'SUBSCRIBE: Unlimited access to The Meridian Post for 99 valdors a month. Cancel anytime.'],
        ['byline', 'Lidia Markova, Diplomatic Correspondent · 17 March 2026'],
      ],
    ],
    [
      'breach-02',
      [
        ['banner', 'NORTHGATE HERALD | Business | Technology'],
        ['related-links', 'Are your passwords safe? Five steps to take today'],
        ['repeated-title', 'QuillPay hack: up to six million accounts may be exposed, researchers warn'],
      ],
    ],
    [
      'breach-03',
      [
        ['byline', 'Sana Mirza in Lindgate'],
        ['paywall', 'You have 62% of this article left to read. Subscribe to continue.'],
        ['subscription', 'Subscribe to Global Ledger'],
      ],
    ],
    [
      'breach-04',
      [
        ['caption', 'Photo caption: Oscar Lindquist speaks to reporters in Lindgate on Friday.'],
        ['photo-credit', '(Photo: Kasper Thun/Coastline Daily)'],
      ],
    ],
    [
      'breach-06',
      [
        [
          'paywall',
          'You have reached your limit of 5 free articles this month. Subscribe to The Meridian Post from 99 valdors a month.',
        ],
      ],
    ],
    [
      'flood-01',
      [
        ['tagline', 'Your country. Your news.'],
        ['category-label', 'Regions | Haldane'],
        ['dateline-date', 'Wednesday, 11 March 2026 – 13:12'],
      ],
    ],
    ['flood-03', [['related-links', 'Read also: Kell dam: what we know about the collapse so far.']]],
    [
      'flood-04',
      [
        ['category-label', 'NATIONAL | Haldane floods'],
        ['newsletter', 'Newsletter: The Meridian Post Morning Briefing — sign up free'],
        ['comment-form', 'Comments (22) | Leave a comment'],
      ],
    ],
    [
      'flood-05',
      [
        ['dateline-date', 'Updated 14/03/2026'],
        ['wire-credit', '— AFP'],
        ['paywall', 'Global Ledger is free to read for 3 articles a month. Subscribe for unlimited access.'],
      ],
    ],
    [
      'flood-06',
      [
        ['category-label', 'WORLD | Reportage'],
        ['photo-credit', '(Photo: Ana Ribe/AFP)'],
      ],
    ],
    [
      'strike-03',
      [
        ['byline', 'Niklas Berg in Lindgate'],
        [
          'market-data',
          'Markets data: Lindgate LDX index closed down 0.8% on Monday. Valdor steady after Kestria signals de-escalation talks.',
        ],
      ],
    ],
    [
      'strike-05',
      [
        ['navigation', 'News | Estmark | World | Business | Culture | Sport'],
        ['category-label', 'Estmark | Economy'],
      ],
    ],
  ];

  it.each(REMOVED)('%s: boilerplate removed with its reason', (prefix, pieces) => {
    const a = load(prefix);
    for (const [reason, text] of pieces)
      expect(withoutOffsets(a.removed)).toContainEqual({ text, reason: `extract/${reason}` });
  });

  it('no text file keeps site chrome in its body', () => {
    const chrome =
      /^(?:Share on|Comments?\b|Leave a comment|Newsletter|Subscribe|Tags:|Source:|Sponsored|Markets data|Translated automatically|Advertisement|Related|Read also|Also read|READ MORE|« Previous)/m;
    for (const [prefix] of EXPECTED) expect(load(prefix).text, prefix).not.toMatch(chrome);
  });

  it('keeps the real body: multi-paragraph quotes, the translation, the paywalled text, the one-paragraph brief', () => {
    const b04 = load('breach-04').text;
    expect(b04).toContain('"I want to begin by saying something simple.');
    expect(b04).toContain('"We have closed the access that the attackers used.');
    expect(b04).toContain('Quillon will pay it back. Every cent."');
    const b10 = load('border-10').text;
    expect(b10).toContain('“Today is a better day than yesterday.');
    expect(b10).toContain('“Our soldiers will remain where they are');
    const tr = load('border-04');
    expect(tr.text.split('\n\n')).toHaveLength(9);
    expect(tr.text).toContain('Earlier, in monday, the ministry of foreign affairs of valdoria');
    expect(load('breach-03').text).toMatch(/people familiar with the authority's thinking said that$/);
    const brief = load('flood-03').text;
    expect(brief.split('\n\n')).toHaveLength(1);
    expect(brief).toContain('shortly after midnight. Agency chief Jonas Baltrus said 22 people');
    expect(brief).not.toContain('Read also');
  });

  it('removes a title repeated three times (strike-01) and keeps it out of the body', () => {
    const a = load('strike-01');
    expect(a.text).not.toContain('Dockworkers walk out at Port Calloway in biggest strike for 20 years');
    expect(a.text.startsWith('Thousands of dockworkers at Port Calloway')).toBe(true);
  });

  it('reads a day-first numeric date line by evidence and a dotted one day-first', () => {
    expect(load('flood-03').published).toMatchObject({ date: '2026-03-12', how: 'text' });
    expect(load('border-04').published).toMatchObject({ date: '2026-03-11', how: 'text' });
  });
});
