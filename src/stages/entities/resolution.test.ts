import { describe, expect, it } from 'vitest';
import { findEntities } from './index.js';

function byText(text: string) {
  const out = findEntities(text);
  for (const e of out) expect(text.slice(e.start, e.end)).toBe(e.text);
  return out;
}

describe('entities: within-article resolution with the tagger', () => {
  it('recognises a name glued to the next word and links surname and role to it', () => {
    const text =
      'Talks began after National Security Adviser Lena Morrowand the defence minister met in Brenmouth. ' +
      'Morrow said the security adviser would return on Friday.';
    const out = byText(text);
    const morrow = out.filter((e) => e.entityId === 'person:lena-morrow').map((e) => e.text);
    expect(morrow).toEqual(['Lena Morrow', 'Morrow', 'security adviser']);
  });

  it('does not split a word that only looks glued', () => {
    const out = byText('Anderson and Hollands agreed. Anderson said the deal was fair.');
    expect(out.map((e) => e.text)).not.toContain('Anders');
  });

  it('links "M. X" (Monsieur) to the full name in the article', () => {
    const out = byText('Jean Dubois, the French envoy, arrived on Monday. M. Dubois said talks would resume.');
    expect(out.find((e) => e.text === 'M. Dubois')?.entityId).toBe('person:jean-dubois');
  });

  it('keeps two Koreans who share a family name apart', () => {
    const out = byText(
      'Officials said Park Min-jung met Park Ji-hoon on Tuesday. Park Ji-hoon said the deal was close.',
    );
    const ids = new Set(out.filter((e) => e.type === 'person').map((e) => e.entityId));
    expect(ids).toEqual(new Set(['person:park-min-jung', 'person:park-ji-hoon']));
  });

  it('types names the rules have no cue for from the tagger, not from their shape', () => {
    const out = byText(
      'Tessaly Wind and Corvane Holdings objected to the plan, which Mirela Stan defended in Nairobi.',
    );
    expect(out.find((e) => e.text === 'Mirela Stan')?.type).toBe('person');
    expect(out.find((e) => e.text === 'Nairobi')?.type).toBe('place');
    expect(out.find((e) => e.text === 'Corvane Holdings')?.type).toBe('organization');
  });

  it('takes a capital as its country when it acts', () => {
    const out = byText('Ottawa said the tariffs were unfair. Canberra warned of retaliation.');
    expect(out.map((e) => [e.text, e.type, e.entityId])).toEqual([
      ['Ottawa', 'country', 'country:can'],
      ['Canberra', 'country', 'country:aus'],
    ]);
  });
});

describe('entities: negative cases', () => {
  it('a ship or aircraft carrier named after a person is not a person', () => {
    const out = byText(
      'The aircraft carrier Admiral Kuznetsov docked at Port Calloway. Sailors from the frigate Lena Morrow ' +
        'and the tanker Harriet Tubman joined them.',
    );
    expect(out.filter((e) => e.type === 'person')).toEqual([]);
    expect(out.find((e) => e.text === 'Admiral Kuznetsov')?.type).toBe('other');
  });

  it('photo credits, caption markers, menu words and site names are not entities', () => {
    const text =
      'Daily Ledger | Home | World | Business | Sport | Opinion\n' +
      'Photo: Getty Images\n' +
      'Caption: Dock workers gather at the gate. (Photo by Ilsa Brandt/Daily Ledger)\n' +
      'Dock workers walked out in Brenmouth on Monday.\n' +
      'Subscribe | Sign in | Newsletters';
    expect(byText(text).map((e) => e.text)).toEqual(['Brenmouth']);
  });
});
