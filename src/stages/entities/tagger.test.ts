import { describe, expect, it } from 'vitest';
import { findEntities } from './index.js';
import { decodeModel, encodeModel, lookup, shippedModel, spansOf, tagDocument } from './tagger.js';
import { F, FeatureKeys, gazMaskOf, isShouting, recase, shapeOf, TAGS } from './tagger-features.js';

const model = shippedModel();

/** Typed spans of one tagged sentence, as "text/TYPE". */
function tagged(sentences: string[][]): string[][] {
  if (!model) throw new Error('data/ner/model.bin missing: run npm run train:ner');
  const tags = tagDocument(model, sentences);
  return sentences.map((words, i) =>
    spansOf(tags[i] as number[]).map((s) => `${words.slice(s.start, s.end).join(' ')}/${s.type}`),
  );
}

const words = (s: string) => s.split(' ');

describe('statistical tagger', () => {
  it('ships a model', () => {
    expect(model).not.toBeNull();
    expect(model?.features).toBeGreaterThan(1000);
    const bias = new FeatureKeys();
    bias.push0(F.bias);
    expect(model && lookup(model, bias.a[0] as number, bias.b[0] as number)).toBeGreaterThanOrEqual(0);
  });

  it('round-trips a model file', () => {
    const weights = new Int16Array(TAGS.length * 2);
    weights[1] = 500; // feature 0 favours B-PER
    weights[TAGS.length + 3] = 900; // feature 1 favours B-ORG
    // Two features whose hash A lands in the same slot: the table must probe on.
    const keysA = Uint32Array.of(0x1234_0007, 0x9999_0007);
    const keysB = Uint32Array.of(11, 22);
    const gaz = new Map([['acme', gazMaskOf('org|city')]]);
    const bytes = encodeModel(keysA, keysB, weights, 100, new Map([['the', 'f6c0']]), gaz);
    const m = decodeModel(bytes);
    expect(lookup(m, 0x1234_0007, 11)).toBe(0);
    expect(lookup(m, 0x9999_0007, 22)).toBe(1);
    expect(lookup(m, 0x9999_0007, 23)).toBe(-1);
    expect(m.weights[1]).toBe(500);
    expect(m.scale).toBe(100);
    expect(m.resources.wordClass.get('the')).toBe('f6c0');
    expect(m.resources.gazetteer.get('acme')).toBe(gazMaskOf('org|city'));
    expect(() => encodeModel(Uint32Array.of(5, 5), Uint32Array.of(1, 1), weights, 1, new Map(), new Map())).toThrow(
      /twice/,
    );
    expect(() => decodeModel(Buffer.from('not a model'))).toThrow(/not a Storyline NER model/);
    expect(() => decodeModel(bytes.subarray(0, bytes.length - 4))).toThrow(/truncated/);
  });

  it('reads IOB2 tags as spans and never lets I- start a span of another type', () => {
    const t = (name: string) => TAGS.indexOf(name as (typeof TAGS)[number]);
    expect(spansOf([t('B-PER'), t('I-PER'), t('O'), t('I-LOC'), t('B-ORG'), t('I-MISC')])).toEqual([
      { start: 0, end: 2, type: 'PER' },
      { start: 3, end: 4, type: 'LOC' },
      { start: 4, end: 5, type: 'ORG' },
      { start: 5, end: 6, type: 'MISC' },
    ]);
  });

  it('types people, organisations, places and nationalities without cue words', () => {
    const out = tagged([
      words('Lena Morrow , who joined the United Nations in 2019 , flew to Nairobi on Monday .'),
      words('The Brazilian delegation met officials from Microsoft in Geneva .'),
    ]);
    expect(out[0]).toEqual(['Lena Morrow/PER', 'United Nations/ORG', 'Nairobi/LOC']);
    expect(out[1]).toEqual(['Brazilian/MISC', 'Microsoft/ORG', 'Geneva/LOC']);
  });

  it('re-cases an all-caps headline from the article body before tagging', () => {
    const doc = [words('MORROW WINS IN NAIROBI'), words('Lena Morrow won the vote in Nairobi on Sunday .')];
    expect(isShouting(doc[0] as string[])).toBe(true);
    expect(isShouting(doc[1] as string[])).toBe(false);
    const out = tagged(doc);
    expect(out[0]).toEqual(['MORROW/PER', 'NAIROBI/LOC']);
  });

  it('keeps one type per name across the document and leaves numbers out of names', () => {
    const out = tagged([
      words('Brenmouth Rovers beat Kell Town on Saturday .'),
      words('Brenmouth Rovers 3 Kell Town 1'),
    ]);
    for (const row of out) for (const span of row) expect(span).not.toMatch(/\d/);
    expect(new Set(out.flat().filter((s) => s.startsWith('Brenmouth Rovers')))).toHaveProperty('size', 1);
  });

  it('reads organisation cues: legal forms, "&", head nouns and organisation-only roles', () => {
    const out = tagged([
      words('Shares of Harlow & Denby Co rose 4 percent on Tuesday .'),
      words('A Vantor spokesman declined to comment .'),
      words('Trading on the Kessick Stock Exchange was halted after the announcement .'),
      words('Cables giant Pellaro announced a merger on Friday .'),
      words('The news agency Kotra said the talks had failed .'),
    ]);
    expect(out[0]).toEqual(['Harlow & Denby Co/ORG']);
    expect(out[1]).toEqual(['Vantor/ORG']);
    expect(out[2]).toEqual(['Kessick Stock Exchange/ORG']);
    expect(out[3]).toEqual(['Pellaro/ORG']);
    expect(out[4]).toEqual(['Kotra/ORG']);
  });

  it('types the sides of a match and the rows of a table as teams, but not national sides or players', () => {
    const out = tagged([
      words('Dunmore beat Kilbride 3-1 on Saturday .'),
      words('Dunmore 12 7 3 2 25'),
      words('Kilbride 12 5 4 3 19'),
      words('England beat Moldova 2-0 in Chisinau on Saturday .'),
      words('Tomas Berg ( Sweden ) beat Anton Vilk ( Estonia ) 6-3 6-4 .'),
      words('She won the Olympic 100 metres title in 1992 .'),
    ]);
    expect(out[0]).toEqual(['Dunmore/ORG', 'Kilbride/ORG']);
    expect(out[1]).toEqual(['Dunmore/ORG']);
    expect(out[2]).toEqual(['Kilbride/ORG']);
    expect(out[3]).toEqual(['England/LOC', 'Moldova/LOC', 'Chisinau/LOC']);
    expect(out[4]).toEqual(['Tomas Berg/PER', 'Sweden/LOC', 'Anton Vilk/PER', 'Estonia/LOC']);
    expect(out[5]).toEqual(['Olympic/MISC']);
  });

  it('types competitions named after a place and plural nationalities as MISC', () => {
    const out = tagged([
      words('Marta Voss finished fourth at the Kessick Open on Sunday .'),
      words('Hundreds of Iraqis crossed the border on Friday .'),
    ]);
    expect(out[0]).toEqual(['Marta Voss/PER', 'Kessick Open/MISC']);
    expect(out[1]).toEqual(['Iraqis/MISC']);
  });

  it('reads a dateline as a place and splits scorecard names at "c" and "b"', () => {
    const out = tagged([
      words('BRENMOUTH 2026-03-02'),
      words('Dock workers in Brenmouth walked out on Monday .'),
      words('Tomas Berg c Anton Vilk b Marek Saar 45'),
    ]);
    expect(out[0]).toEqual(['BRENMOUTH/LOC']);
    for (const span of out[2] as string[]) expect(span).not.toMatch(/ [cb] /);
  });

  it('re-cases a run of capitals the gazetteer knows as one name', () => {
    if (!model) return;
    const doc = { lowerSeen: new Set<string>(), casedMid: new Map<string, string>() };
    expect(recase(words('TALKS RESUME IN NEW YORK'), doc, model.resources)).toEqual([
      'talks',
      'resume',
      'in',
      'New',
      'York',
    ]);
  });

  it('describes word shapes compactly', () => {
    expect(shapeOf('McDonald')).toBe('XxXx');
    expect(shapeOf('U.S.')).toBe('X.X.');
    expect(shapeOf('1996-12-06')).toBe('d-d-d');
    expect(shapeOf('Zürich')).toBe('Xx');
  });

  it('lower-cases common words of a shouting line and keeps the case the article uses', () => {
    if (!model) return;
    const doc = { lowerSeen: new Set(['wins']), casedMid: new Map([['morrow', 'Morrow']]) };
    expect(recase(words('MORROW WINS AGAIN'), doc, model.resources)).toEqual(['Morrow', 'wins', 'again']);
  });
});

describe('bad input', () => {
  it('tags all-caps text without crashing and finds its names', () => {
    const text = 'LENA MORROW, THE FOREIGN MINISTER, ARRIVED IN NAIROBI ON MONDAY. MORROW SAID TALKS WOULD RESUME.';
    const out = findEntities(text);
    for (const e of out) expect(text.slice(e.start, e.end)).toBe(e.text);
  });

  it('finds nothing in text without capitals', () => {
    expect(findEntities('the minister said on monday that talks with the union would resume in march.')).toEqual([]);
  });

  it('handles a 1 MB paragraph without punctuation', () => {
    const unit = 'the delegation from brenmouth met Lena Morrow and officials of the port authority again ';
    const text = unit.repeat(Math.ceil(1_000_000 / unit.length));
    const out = findEntities(text);
    expect(out.length).toBeGreaterThan(0);
    for (const e of out.slice(0, 50)) expect(text.slice(e.start, e.end)).toBe(e.text);
  });

  it('returns nothing sensible-looking from non-Latin scripts, and no crash', () => {
    const text = 'Президент Владимир Петров прибыл в Москву. 東京で会議が開かれた。 وصل الرئيس إلى القاهرة';
    const out = findEntities(text);
    for (const e of out) expect(text.slice(e.start, e.end)).toBe(e.text);
  });

  it('handles a 10 000-line name list', () => {
    const given = ['Lena', 'Tomasz', 'Ilsa', 'Park', 'Dorota', 'Arlen', 'Marta', 'Oskar'];
    const family = ['Morrow', 'Wrenik', 'Brandt', 'Ji-hoon', 'Palic', 'Voss', 'Leclercq', 'Lindqvist', 'Saar'];
    const lines = Array.from({ length: 10_000 }, (_, i) => `${given[i % 8]} ${family[i % 9]}`);
    const text = lines.join('\n');
    const out = findEntities(text);
    // A bare list gives no context: empty output is acceptable, wrong offsets are not.
    for (const e of out) expect(text.slice(e.start, e.end)).toBe(e.text);
  });
});
