/**
 * Regression on the bundled example corpus (`examples/corpus/`, ground truth in its README.md):
 * the numeric claims the README lists with their claimants, money parsed right, and none of the
 * small-talk numbers ("two neighbours", "four digits") that used to pass for claims.
 */
import { describe, expect, it } from 'vitest';
import { exampleArticle, exampleFiles } from '../../../test/helpers/example-corpus.js';
import type { ClaimItem } from '../../core/doc.js';

function claimsOf(prefix: string): ClaimItem[] {
  const article = exampleArticle(prefix);
  const items = article.claims;
  for (const item of items) expect(article.text.slice(item.start, item.end)).toBe(item.text);
  return items;
}

/** [file prefix, claim text, value, unit, claimant name (null = none)]. */
const EXPECTED: Array<[string, string, number, string, string | null]> = [
  ['border-01', 'about 40,000 troops', 40000, 'troops', 'Defence Ministry'],
  ['border-02', 'around 280 tanks', 280, 'tanks', 'Defence Ministry'],
  ['border-05', 'about 48,000 troops', 48000, 'troops', 'Tomasz Wrenik'],
  ['border-05', 'fewer than 15,000 service members', 15000, 'troops', 'Pavel Ostrik'],
  ['breach-02', 'as many as 6 million accounts', 6e6, 'accounts', 'Greyline Security'],
  ['breach-05', '€240mn', 240e6, 'EUR', null],
  ['breach-05', '$262mn', 262e6, 'USD', null],
  ['breach-05', '€610mn', 610e6, 'EUR', 'Quillon Systems'],
  ['flood-01', 'about 8,000 people had been evacuated', 8000, 'displaced', 'Marta Leclercq'],
  ['flood-04', 'at least 34 people had died', 34, 'deaths', 'Red Cross'],
  ['strike-01', '12,000 members', 12000, 'members', "United Port Workers' Federation"],
  ['strike-02', 'about 7,500 workers', 7500, 'workers', 'Calloway Port Authority'],
  ['strike-03', '€18mn', 18e6, 'EUR', 'Sofie Brandt'],
  ['strike-03', '€45mn', 45e6, 'EUR', "Estmark Shipping Employers' Association"],
  ['strike-05', 'roughly €360 million', 360e6, 'EUR', "Estmark Shipping Employers' Association"],
  ['strike-06', '90 million valdors', 90e6, 'valdors', 'Valdorian Chamber of Commerce'],
  // Figures whose noun or source sits around them: "a toll of 27 announced by …", "put … at",
  // "estimated the crowd at", "the true number … was", "exceeded", "which spoke of".
  ['border-01', 'At least 300 tanks', 300, 'tanks', 'Defence Ministry'],
  ['border-09', 'more than 55,000 soldiers', 55000, 'troops', 'western intelligence officials'],
  ['border-09', 'about 40,000 troops', 40000, 'troops', 'the Valdorian government'],
  ['border-10', 'exceeded 50,000', 50000, 'troops', 'a senior Valdorian security official'],
  ['flood-04', '27', 27, 'deaths', 'the provincial authorities'],
  ['flood-04', '20,000', 20000, 'people', 'the government'],
  ['flood-06', 'at least 34', 34, 'deaths', 'Red Cross'],
  ['strike-03', 'more than 80', 80, 'vessels', "United Port Workers' Federation"],
  ['strike-04', '6,000', 6000, 'people', 'police'],
  ['strike-04', 'more than 15,000 people', 15000, 'people', "United Port Workers' Federation"],
];

describe('claims on the example corpus', () => {
  it.each(EXPECTED)('%s: %s', (prefix, text, value, unit, claimant) => {
    const claim = claimsOf(prefix).find((c) => c.text === text);
    expect(claim, text).toBeDefined();
    expect([claim?.value, claim?.unit, claim?.claimant?.name ?? null]).toEqual([value, unit, claimant]);
  });

  it('strike-05: the analysts are an unnamed, lower-case source', () => {
    const analysts = claimsOf('strike-05').filter((c) => c.claimant?.name === 'some analysts');
    expect(analysts.length).toBeGreaterThan(0);
    for (const c of analysts) expect(c.claimant?.entityId).toBeNull();
  });

  it('no small talk passes for a claim, and no claimant is a sentence-initial "The …"', () => {
    const noise =
      /^(?:two|three|four|five|six|seven|eight|nine)\s+(?:neighbou?rs|countries|digits|things|steps|sides|governments|ports)$/i;
    for (const file of exampleFiles()) {
      for (const c of claimsOf(file.slice(0, 9))) {
        expect(c.text, file).not.toMatch(noise);
        expect(c.text, file).not.toMatch(/^\d\s+(?:articles|gadgets)$/);
        expect(c.claimant?.name ?? '', file).not.toMatch(/^(?:The|Some|A)\s/);
      }
    }
  });
});
