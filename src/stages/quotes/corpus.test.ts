/**
 * Regression on the bundled example corpus (`examples/corpus/`, ground truth in its README.md):
 * the speakers of the quotes the README calls out — the conflicting "gun pointed at our heads"
 * pair, guillemets, multi-paragraph quotes, role, pronoun and unnamed speakers.
 */
import { describe, expect, it } from 'vitest';
import { exampleArticle, exampleFiles } from '../../../test/helpers/example-corpus.js';
import type { QuoteItem } from '../../core/doc.js';

function quotesOf(prefix: string): QuoteItem[] {
  const article = exampleArticle(prefix);
  const items = article.quotes;
  for (const item of items) expect(article.text.slice(item.start, item.end)).toBe(item.text);
  return items;
}

/** [file prefix, words that start the quote, speaker name, entity id (null = unnamed source)]. */
const EXPECTED: Array<[string, string, string, string | null]> = [
  ['border-01', 'We will not negotiate with a gun pointed at our heads', 'Tomasz Wrenik', 'person:tomasz-wrenik'],
  ['border-01', 'Nobody says the word war', 'Dorota Palic', 'person:dorota-palic'],
  ['border-02', 'We will not negotiate with a gun pointed at our heads', 'Ilse Marovna', 'person:ilse-marovna'],
  ['border-02', 'no reservists had been mobilised', 'Ilse Marovna', 'person:ilse-marovna'],
  ['border-03', 'Our Valdorian colleagues count every field kitchen', 'Tomas Vrenik', 'person:tomas-vrenik'],
  ['border-05', 'within days, not weeks.', 'a senior Kestrian official', null],
  ['border-05', 'fewer than 15,000 service members', 'Pavel Ostrik', 'person:pavel-ostrik'],
  ['border-09', 'Maybe they are leaving', 'a local councillor', null],
  ['border-09', 'We will believe it when our satellites', 'Tomasz Wrenik', 'person:tomasz-wrenik'],
  ['border-10', 'Today is a better day than yesterday', 'Irena Kovaly', 'person:irena-kovaly'],
  ['border-10', 'Twenty thousand is a start', 'a senior Valdorian security official', null],
  ['breach-01', 'attackers had gained access', 'Quillon Systems', 'organization:quillon-systems'],
  ['breach-04', 'I want to begin by saying something simple', 'Oscar Lindquist', 'person:oscar-lindquist'],
  ['breach-04', 'the breach could involve as many as 6 million', 'Greyline Security', 'organization:greyline-security'],
  ['breach-06', 'Valdorian customers should not have to go', 'Adam Kral', 'person:adam-kral'],
  ['strike-02', 'My son works here too', 'Erik Sunde', 'person:erik-sunde'],
  ['strike-03', 'Every day this goes on', 'Henrik Vos', 'person:henrik-vos'],
  ['strike-05', 'a 6.5% deal at the ports', 'some analysts', null],
  ['strike-06', 'Our members have been counting the days', 'Vaclav Mraz', 'person:vaclav-mraz'],
];

describe('quotes on the example corpus', () => {
  it.each(EXPECTED)('%s: “%s…” → %s', (prefix, words, name, entityId) => {
    const quote = quotesOf(prefix).find((q) => q.text.startsWith(words));
    expect(quote, words).toBeDefined();
    expect(quote?.speaker).toEqual({ entityId, name });
  });

  it('multi-paragraph quotes are one quote', () => {
    for (const prefix of ['border-10', 'breach-04']) {
      const multi = quotesOf(prefix).filter((q) => q.prov.rule === 'quotes/multi-paragraph');
      expect(multi).toHaveLength(1);
      expect(multi[0]?.speaker?.entityId).toMatch(/^person:/);
    }
  });

  it('no speaker is a sentence-initial "The …" description or a garbled phrase', () => {
    const files = exampleFiles();
    for (const file of files) {
      for (const q of quotesOf(file.slice(0, 9))) {
        const name = q.speaker?.name ?? '';
        // Unlinked speakers: a description ("a senior official", "Kestria's foreign minister") or a
        // name as written that no entity covers ("Opposition MP Frida Lund"), never "The …".
        if (q.speaker?.entityId === null) {
          expect(name, file).toMatch(
            /^(?:[a-z]|[A-Z][\p{L}-]*['’]s\s|(?:\p{Lu}[\p{L}.'’-]*\s){0,3}\p{Lu}[\p{L}'’-]+$)/u,
          );
          expect(name, file).not.toMatch(/^The\s/);
        }
        expect(name, file).not.toMatch(/^(?:where|when|which)\s/);
      }
    }
  });
});
