/**
 * Test builder for corpus stages: a `CorpusArticle` from text plus a few claims, quotes and
 * entities located by their text, so fixtures stay readable and offsets stay right.
 * Used by the corpus tests only.
 */
import type { CorpusArticle } from '../core/corpus.js';
import type { Article, ClaimItem, EntityMention, EntityType, QuoteItem, TimeItem } from '../core/doc.js';
import { slugify } from '../core/text.js';

export interface ClaimSpec {
  /** Text of the claim as it appears in the article (first occurrence). */
  text: string;
  value: number;
  valueMax?: number;
  unit: string;
  claimant?: string;
  hedged?: boolean;
  approx?: string;
}

export interface QuoteSpec {
  text: string;
  speaker: string | null;
  speakerId?: string | null;
}

export interface EntitySpec {
  /** Surface text; every occurrence becomes a mention. */
  text: string;
  type: EntityType;
  name?: string;
  entityId?: string;
}

export interface TimeSpec {
  text: string;
  value: string | null;
}

export interface ArticleSpec extends Partial<Omit<Article, 'published'>> {
  id: string;
  text: string;
  /** ISO date, or omitted for unknown. */
  date?: string;
  claims?: ClaimSpec[];
  quotes?: QuoteSpec[];
  entities?: EntitySpec[];
  times?: TimeSpec[];
}

/** Entity id the way the entities stage builds it: `type:slug`. */
export function entityIdOf(type: EntityType, name: string): string {
  return `${type}:${slugify(name)}`;
}

function locate(text: string, needle: string, id: string): number {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`fixture ${id}: "${needle}" not in text`);
  return at;
}

/** Build one annotated article. */
export function buildArticle(spec: ArticleSpec): CorpusArticle {
  const { id, text, date, claims = [], quotes = [], entities = [], times = [], ...rest } = spec;
  const prov = { stage: 'fixture', version: 1 };
  const entityItems: EntityMention[] = [];
  for (const e of entities) {
    const name = e.name ?? e.text;
    let from = 0;
    for (;;) {
      const at = text.indexOf(e.text, from);
      if (at < 0) break;
      entityItems.push({
        kind: 'entity',
        start: at,
        end: at + e.text.length,
        text: e.text,
        type: e.type,
        entityId: e.entityId ?? entityIdOf(e.type, name),
        name,
        prov,
      });
      from = at + e.text.length;
    }
  }
  entityItems.sort((x, y) => x.start - y.start);
  const claimItems: ClaimItem[] = claims.map((c) => {
    const at = locate(text, c.text, id);
    return {
      kind: 'claim',
      start: at,
      end: at + c.text.length,
      text: c.text,
      value: c.value,
      ...(c.valueMax !== undefined ? { valueMax: c.valueMax } : {}),
      unit: c.unit,
      claimant: c.claimant ? { entityId: entityIdOf('organization', c.claimant), name: c.claimant } : null,
      hedged: c.hedged ?? false,
      approx: c.approx ?? null,
      prov,
    };
  });
  const quoteItems: QuoteItem[] = quotes.map((q) => {
    const at = locate(text, q.text, id);
    return {
      kind: 'quote',
      start: at,
      end: at + q.text.length,
      text: q.text,
      speaker:
        q.speaker === null
          ? null
          : { entityId: q.speakerId === undefined ? entityIdOf('person', q.speaker) : q.speakerId, name: q.speaker },
      cue: 'said',
      prov,
    };
  });
  const timeItems: TimeItem[] = times.map((t) => {
    const at = locate(text, t.text, id);
    return { kind: 'time', start: at, end: at + t.text.length, text: t.text, value: t.value, prov };
  });
  return {
    id,
    origin: `${id}.txt`,
    contentHash: id,
    site: null,
    title: null,
    published: date
      ? { date, from: null, to: null, how: 'metadata' }
      : { date: null, from: null, to: null, how: 'unknown' },
    language: 'en',
    wire: [],
    author: null,
    removed: [],
    ...rest,
    text,
    entities: entityItems,
    quotes: quoteItems,
    claims: claimItems,
    times: timeItems,
  };
}

// ---------------------------------------------------------------------------------------------
// A small realistic corpus: one wire story about troops at the Valdoria border, copied and
// edited by several outlets; a second story about a port strike; unrelated single articles.

const WIRE_PARAGRAPHS = [
  'KARVEN, Valdoria (AFP) - Valdoria has moved 40,000 troops to its northern border with Ostrelia, the Defence Ministry said on Tuesday, in the largest deployment in the region since the 2019 ceasefire.',
  'Defence Minister Tomasz Wrenik told reporters in Karven that the troops would stay "for as long as the security situation demands it" and denied that an offensive was being planned.',
  '"We are not preparing for war, we are preparing to prevent one," Wrenik said at a briefing attended by foreign diplomats and military attaches.',
  "Ostrelia's foreign ministry summoned the Valdorian ambassador and called the build-up a provocation that threatened talks on the disputed Seraph valley, where shepherds from both countries have grazed their flocks for centuries.",
  'Satellite images published by the private firm Orbital Lens showed columns of armoured vehicles and field hospitals near the town of Drevno, about 30 kilometres from the frontier.',
  'The European observer mission said it had not been informed of the movements in advance, as the ceasefire agreement requires, and asked both governments to restore the hotline between their general staffs.',
  'Residents of Drevno said convoys had been passing through the town at night for more than a week, and that schools near the main road had been closed as a precaution.',
  'The last serious clash in the valley, in March 2019, left 14 soldiers dead on both sides before mediators from the observer mission negotiated the ceasefire that has held until now.',
];

const WIRE_TEXT = WIRE_PARAGRAPHS.join('\n\n');

/** The wire story with a few words changed (a copy-desk edit). */
const NEAR_TEXT = WIRE_TEXT.replace('on Tuesday', 'on Tuesday morning')
  .replace('foreign diplomats and military attaches', 'foreign diplomats and attaches')
  .replace('for more than a week', 'for over a week');

/** The wire story republished with a local intro, a new ending and two paragraphs dropped. */
const SYNDICATED_TEXT = [
  'Tension rose again on the northern frontier this week, as the government in Karven sent reinforcements toward the Seraph valley.',
  ...(WIRE_PARAGRAPHS.slice(0, 3) as string[]),
  ...(WIRE_PARAGRAPHS.slice(4, 6) as string[]),
  'Local farmers told the Herald they feared the grazing season would be lost if the border stayed closed.',
].join('\n\n');

const RIVAL_TEXT = [
  'DREVNO, Valdoria - As many as 55,000 soldiers are now massed on the northern border near Drevno, according to officers from the observer mission, far more than the government in Karven has acknowledged.',
  'The build-up on the Ostrelian border began quietly ten days ago, officers said, with convoys moving at night to avoid attention.',
  '"We are not preparing for war, we are preparing to prevent one," army chief Marek Holl said, repeating a line the government has used all week.',
  'Ostrelia has asked the observer mission to inspect the area around the disputed valley, and diplomats said talks could resume next month if the troops are pulled back.',
].join('\n\n');

const FOLLOWUP_TEXT = [
  'KARVEN, Valdoria - Valdoria began pulling some of its soldiers back from the Ostrelian border on Thursday, two days after Defence Minister Tomas Vrenik confirmed the deployment of about 40,000 troops.',
  'Vrenik said the withdrawal was a goodwill gesture before the observer mission reopens talks on the Seraph valley, though he gave no timetable for a full pullback from the frontier near Drevno.',
  'Diplomats in Karven welcomed the move but said the hotline between the two general staffs remained silent.',
].join('\n\n');

const STRIKE_TEXT = [
  'PORT ALDEN - Dock workers at Port Alden walked off the job on Monday, halting the loading of grain ships for the second time this year in a dispute over night-shift pay.',
  'The Harbour Workers Union said 2,300 members had joined the strike, while the port authority put the number at 1,800 and said essential fuel deliveries were continuing.',
  'Union secretary Ilsa Brandt said the stoppage would continue until the port authority returned to the negotiating table with a written offer.',
  'Grain traders warned that a long strike would delay shipments to coastal mills and push up bread prices in the capital before the winter.',
].join('\n\n');

const STRIKE_FOLLOWUP_TEXT = [
  'PORT ALDEN - The strike by dock workers at Port Alden entered its third day on Wednesday, with grain ships anchored off the harbour and no talks scheduled between the union and the port authority.',
  'Ilsa Brandt, secretary of the Harbour Workers Union, said members were ready to stay out for weeks over night-shift pay, and accused the port authority of refusing a written offer.',
  'The port authority said fuel deliveries were continuing and that it would publish its pay offer on Friday.',
].join('\n\n');

const FESTIVAL_TEXT = [
  'The annual lantern festival in the old quarter of Merrowby drew record crowds on Saturday night, organisers said, as paper boats were floated down the canal for the first time since the bridge repairs.',
  "Food stalls ran out of roasted chestnuts before ten o'clock, and the town council promised to add a second market square next year.",
  'Volunteers spent three months folding the lanterns, many of them decorated by pupils from the primary schools along the canal.',
].join('\n\n');

const BANK_TEXT = [
  'The central bank of Ostrelia left its main interest rate unchanged at 4.25 percent on Thursday, saying inflation was slowing faster than expected but that wage growth remained strong.',
  'Governor Hana Lisko said the bank would watch energy prices closely during the winter and did not rule out a cut in the spring if inflation kept falling.',
  'Economists had widely expected the decision, and the currency barely moved after the announcement.',
].join('\n\n');

const WRENIK = { text: 'Tomasz Wrenik', type: 'person', name: 'Tomasz Wrenik' } as const;
const VALDORIA = { text: 'Valdoria', type: 'country', entityId: 'country:VAL' } as const;
const OSTRELIA = { text: 'Ostrelia', type: 'country', entityId: 'country:OST' } as const;
const DREVNO = { text: 'Drevno', type: 'place' } as const;
const KARVEN = { text: 'Karven', type: 'place' } as const;
const MISSION = { text: 'observer mission', type: 'organization' } as const;
const BRANDT = { text: 'Ilsa Brandt', type: 'person' } as const;
const UNION = { text: 'Harbour Workers Union', type: 'organization' } as const;
const PORT = { text: 'Port Alden', type: 'place' } as const;

const WIRE_QUOTE = '"We are not preparing for war, we are preparing to prevent one,"';

/** The sample corpus; ids are chosen so that id order differs from date order. */
export function sampleCorpus(): CorpusArticle[] {
  return [
    buildArticle({
      id: 'a_000000000001',
      site: 'Northgate Herald',
      title: 'Valdoria sends 40,000 troops to Ostrelian border',
      date: '2024-03-12',
      wire: ['AFP'],
      text: WIRE_TEXT,
      entities: [WRENIK, VALDORIA, OSTRELIA, DREVNO, KARVEN, MISSION],
      claims: [{ text: '40,000 troops', value: 40000, unit: 'troops', claimant: 'Defence Ministry' }],
      quotes: [{ text: WIRE_QUOTE, speaker: 'Tomasz Wrenik' }],
      times: [{ text: 'on Tuesday', value: '2024-03-12' }],
    }),
    buildArticle({
      id: 'a_000000000002',
      site: 'Coastal Daily',
      title: 'Border build-up: Valdoria deploys troops',
      date: '2024-03-12',
      wire: ['AFP'],
      text: WIRE_TEXT,
      entities: [WRENIK, VALDORIA, OSTRELIA, DREVNO, KARVEN, MISSION],
      claims: [{ text: '40,000 troops', value: 40000, unit: 'troops', claimant: 'Defence Ministry' }],
      quotes: [{ text: WIRE_QUOTE, speaker: 'Tomasz Wrenik' }],
      times: [{ text: 'on Tuesday', value: '2024-03-12' }],
    }),
    buildArticle({
      id: 'a_000000000003',
      site: 'Valley Courier',
      title: 'Valdoria moves troops north',
      wire: [],
      text: NEAR_TEXT,
      entities: [WRENIK, VALDORIA, OSTRELIA, DREVNO, KARVEN, MISSION],
      claims: [{ text: '40,000 troops', value: 40000, unit: 'troops', claimant: 'Defence Ministry' }],
      quotes: [{ text: WIRE_QUOTE, speaker: 'Tomasz Wrenik' }],
      times: [{ text: 'on Tuesday', value: '2024-03-12' }],
    }),
    buildArticle({
      id: 'a_000000000004',
      site: 'Drevno Herald',
      title: 'Farmers fear lost season as troops arrive',
      date: '2024-03-13',
      text: SYNDICATED_TEXT,
      entities: [WRENIK, VALDORIA, OSTRELIA, DREVNO, KARVEN],
      claims: [{ text: '40,000 troops', value: 40000, unit: 'troops', claimant: 'Defence Ministry' }],
      quotes: [{ text: WIRE_QUOTE, speaker: 'Tomasz Wrenik' }],
      times: [{ text: 'on Tuesday', value: '2024-03-12' }],
    }),
    buildArticle({
      id: 'a_000000000005',
      site: 'Valdoria Today',
      title: 'Observers count 55,000 soldiers near Drevno',
      date: '2024-03-13',
      text: RIVAL_TEXT,
      entities: [VALDORIA, OSTRELIA, DREVNO, KARVEN, MISSION, { text: 'Marek Holl', type: 'person' }],
      claims: [
        {
          text: '55,000 soldiers',
          value: 55000,
          unit: 'troops',
          claimant: 'observer mission',
          hedged: true,
          approx: 'as many as',
        },
      ],
      quotes: [{ text: WIRE_QUOTE, speaker: 'Marek Holl' }],
    }),
    buildArticle({
      id: 'a_000000000006',
      site: 'Karven Post',
      title: 'Valdoria starts pulling troops back from border',
      date: '2024-03-14',
      text: FOLLOWUP_TEXT,
      entities: [
        { text: 'Tomas Vrenik', type: 'person' },
        { text: 'Vrenik', type: 'person', name: 'Tomas Vrenik' },
        VALDORIA,
        OSTRELIA,
        DREVNO,
        KARVEN,
        MISSION,
      ],
      claims: [{ text: 'about 40,000 troops', value: 40000, unit: 'troops', approx: 'about' }],
    }),
    buildArticle({
      id: 'a_000000000007',
      site: 'Harbour Times',
      title: 'Port Alden dock workers strike over night pay',
      date: '2024-03-11',
      text: STRIKE_TEXT,
      entities: [BRANDT, UNION, PORT],
      claims: [
        { text: '2,300 members', value: 2300, unit: 'members', claimant: 'Harbour Workers Union' },
        { text: '1,800', value: 1800, unit: 'members', claimant: 'port authority' },
      ],
    }),
    buildArticle({
      id: 'a_000000000008',
      site: 'Alden Gazette',
      title: 'Port Alden strike enters third day',
      date: '2024-03-13',
      text: STRIKE_FOLLOWUP_TEXT,
      entities: [BRANDT, UNION, PORT],
    }),
    buildArticle({
      id: 'a_000000000009',
      site: 'Merrowby Weekly',
      title: 'Record crowds at lantern festival',
      date: '2024-03-10',
      text: FESTIVAL_TEXT,
      entities: [{ text: 'Merrowby', type: 'place' }],
    }),
    buildArticle({
      id: 'a_000000000010',
      site: 'Ostrelia Finance',
      title: 'Central bank holds rate at 4.25%',
      date: '2024-03-14',
      text: BANK_TEXT,
      entities: [OSTRELIA, { text: 'Hana Lisko', type: 'person' }],
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
// Synthetic corpus for performance tests: `n` articles over n/5 topics, one in ten a lightly
// edited copy of an earlier article. Deterministic for a given seed.

/** Syllable-built pseudo-words, so vocabulary and topics are large without a word list. */
function pseudoWord(i: number): string {
  const syl = [
    'ka',
    'lo',
    'mer',
    'tin',
    'vas',
    'ro',
    'del',
    'sun',
    'pra',
    'gol',
    'ne',
    'bri',
    'fo',
    'zan',
    'ul',
    'tek',
  ];
  let s = '';
  let x = i + 17;
  do {
    s += syl[x % syl.length];
    x = Math.floor(x / syl.length);
  } while (x > 0);
  return s;
}

export function syntheticCorpus(n: number, seed = 7): CorpusArticle[] {
  let state = seed;
  const rand = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const vocab = Array.from({ length: 4000 }, (_, i) => pseudoWord(i));
  const topics = Array.from({ length: Math.max(1, Math.floor(n / 5)) }, (_, t) => ({
    words: Array.from({ length: 8 }, (_, k) => pseudoWord(5000 + t * 8 + k)),
    people: [pseudoWord(90000 + t * 2), pseudoWord(90001 + t * 2)].map(
      (w) => `${w[0]?.toUpperCase()}${w.slice(1)} Olsen`,
    ),
    day: Math.floor(rand() * 365),
  }));
  const out: CorpusArticle[] = [];
  for (let i = 0; i < n; i++) {
    const id = `a_${i.toString(16).padStart(12, '0')}`;
    if (i > 10 && rand() < 0.1) {
      const src = out[Math.floor(rand() * out.length)] as CorpusArticle;
      const text = src.text.replace(/\.\s/, '. Also, ');
      out.push(buildArticle({ id, title: src.title, text, date: src.published.date ?? undefined }));
      continue;
    }
    const topic = pick(topics);
    const person = pick(topic.people);
    const sentences: string[] = [];
    for (let s = 0; s < 18; s++) {
      const words: string[] = [];
      for (let w = 0; w < 14; w++) words.push(rand() < 0.25 ? pick(topic.words) : pick(vocab));
      if (s % 4 === 0) words.splice(3, 0, person);
      sentences.push(`${words.join(' ')}.`);
    }
    const day = topic.day + Math.floor(rand() * 4);
    const date = new Date(Date.UTC(2024, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
    const value = 1000 * (1 + Math.floor(rand() * 50));
    const claimText = `${value} troops`;
    sentences.push(`Officials counted ${claimText} near the border.`);
    out.push(
      buildArticle({
        id,
        title: `${topic.words.slice(0, 4).join(' ')} ${pick(vocab)}`,
        date,
        text: sentences.join(' '),
        entities: [{ text: person, type: 'person' }],
        claims: [{ text: claimText, value, unit: 'troops' }],
        quotes: [],
      }),
    );
  }
  return out;
}
