import { describe, expect, it } from 'vitest';
import type { ExportArticle } from './export.js';
import { formatArticle } from './show.js';
import { formatValue } from './summary.js';

const TEXT = 'Governor Marta Leclercq said “16 people were missing a day later”.';
const at = (s: string) => ({ start: TEXT.indexOf(s), end: TEXT.indexOf(s) + s.length, text: s });
const prov = { stage: 't', version: 1, rule: null };

function article(): ExportArticle {
  return {
    id: 'a_000000000001',
    origin: 'x.txt',
    site: 'Northgate Herald',
    title: 'Toll disputed',
    author: null,
    published: { date: null, from: '2026-03-12', to: '2026-12-03', how: 'text', evidence: 'date-line' },
    language: 'en',
    wire: [],
    storyId: null,
    text: TEXT,
    removed: [{ text: 'Share on Facebook', reason: 'extract/share-prompt' }],
    entities: [{ ...at('Marta Leclercq'), type: 'person', entityId: 'person:marta-leclercq', prov }],
    quotes: [
      {
        ...at('16 people were missing a day later'),
        speaker: { entityId: 'person:marta-leclercq', name: 'Marta Leclercq' },
        cue: 'said',
        prov,
      },
    ],
    claims: [
      {
        ...at('16 people'),
        value: 16,
        valueMax: null,
        unit: 'people',
        claimant: null,
        hedged: false,
        approx: null,
        prov,
      },
    ],
    times: [{ ...at('a day later'), value: null, prov }],
  };
}

describe('formatArticle', () => {
  it('nests marks that share an offset: the inner span opens last and closes first', () => {
    const out = formatArticle(article());
    expect(out).toContain('Governor [Marta Leclercq]{person} said “«⟦16 people⟧ were missing ⟨a day later⟩»”.');
  });

  it('says an unknown date is a range, never a made-up day', () => {
    expect(formatArticle(article())).toContain('published: between 2026-03-12 and 2026-12-03 (text, date-line)');
  });

  it('lists items with offsets and removed text with its reason', () => {
    const out = formatArticle(article());
    expect(out).toContain(`${TEXT.indexOf('16 people')}-${TEXT.indexOf('16 people') + 9} 16 people — no claimant`);
    expect(out).toContain('“a day later” → unresolved');
    expect(out).toContain('[extract/share-prompt] Share on Facebook');
  });
});

describe('formatValue', () => {
  it.each([
    [40000, null, '40,000'],
    [300, 400, '300–400'],
    [6.5, null, '6.5'],
    [2000, 2000, '2,000'],
  ])('%s..%s → %s', (value, max, expected) => {
    expect(formatValue(value, max)).toBe(expected);
  });
});
