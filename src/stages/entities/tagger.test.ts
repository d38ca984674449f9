import { describe, expect, it } from 'vitest';
import { findEntities } from './index.js';
import { decodeModel, encodeModel, featureRow, shippedModel, spansOf, tagDocument } from './tagger.js';
import { isShouting, recase, shapeOf, TAGS } from './tagger-features.js';

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
    expect(model && featureRow(model, 'b')).toBeGreaterThanOrEqual(0);
  });

  it('round-trips a model file', () => {
    const weights = new Int16Array(TAGS.length * 2);
    weights[1] = 500; // "b" favours B-PER
    weights[TAGS.length + 3] = 900; // "w=Acme" favours B-ORG
    const bytes = encodeModel(['b', 'w=Acme'], weights, 100, new Map([['the', 'f6c0']]), new Map([['acme', 'org']]));
    const m = decodeModel(bytes);
    expect(featureRow(m, 'w=Acme')).toBe(1);
    expect(featureRow(m, 'b')).toBe(0);
    expect(featureRow(m, 'w=acme')).toBe(-1);
    expect(m.weights[1]).toBeCloseTo(5);
    expect(m.resources.wordClass.get('the')).toBe('f6c0');
    expect(m.resources.gazetteer.get('acme')).toBe('org');
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
