/**
 * Regression on the bundled example corpus (`examples/corpus/`, ground truth in its README.md):
 * organisations, places and countries that the name-shape default used to type as persons, and
 * the people the README lists, with their canonical names.
 */
import { describe, expect, it } from 'vitest';
import { exampleArticle, exampleFiles } from '../../../test/helpers/example-corpus.js';
import type { EntityMention } from '../../core/doc.js';

function entitiesOf(prefix: string): EntityMention[] {
  const article = exampleArticle(prefix);
  const items = article.entities;
  for (const item of items) expect(article.text.slice(item.start, item.end)).toBe(item.text);
  return items;
}

/** [file prefix, surface, type, canonical name]: every mention with that surface has that type. */
const EXPECTED: Array<[string, string, EntityMention['type'], string]> = [
  ['border-01', 'Dorota Palic', 'person', 'Dorota Palic'],
  ['border-01', 'Kestria', 'country', 'Kestria'],
  ['border-01', 'Kestrian', 'country', 'Kestria'],
  ['border-01', 'Valdorian', 'country', 'Valdoria'],
  ['border-02', 'Ilse Marovna', 'person', 'Ilse Marovna'],
  ['border-02', 'Parliament', 'organization', 'Parliament'],
  ['border-05', 'Pavel Ostrik', 'person', 'Pavel Ostrik'],
  ['border-09', 'Kestria', 'country', 'Kestria'],
  ['breach-01', 'Greyline Security', 'organization', 'Greyline Security'],
  ['breach-01', "Estmark Consumers' Association", 'organization', "Estmark Consumers' Association"],
  ['breach-01', 'Quillon Systems', 'organization', 'Quillon Systems'],
  ['breach-02', 'Quillon', 'organization', 'Quillon Systems'],
  [
    'breach-06',
    'Valdorian Office for Personal Data Protection',
    'organization',
    'Valdorian Office for Personal Data Protection',
  ],
  ['flood-01', 'Upper Kell', 'place', 'Upper Kell'],
  ['flood-01', 'Sallow Ford', 'place', 'Sallow Ford'],
  ['flood-05', 'Valmont Energy', 'organization', 'Valmont Energy'],
  ['flood-05', 'Merida Capital', 'organization', 'Merida Capital'],
  ['strike-01', "United Port Workers' Federation", 'organization', "United Port Workers' Federation"],
  ['strike-01', "Estmark Shipping Employers' Association", 'organization', "Estmark Shipping Employers' Association"],
  ['strike-01', 'Estmark', 'country', 'Estmark'],
  ['strike-02', 'North Terminal', 'place', 'North Terminal'],
  ['strike-06', 'Valdorian Chamber of Commerce', 'organization', 'Valdorian Chamber of Commerce'],
  ['strike-06', 'Sandvik', 'place', 'Sandvik'],
];

/** Names that are no person anywhere in the corpus (the name-shape default used to say they were). */
const NOT_PERSONS = [
  'Western Bastion',
  'Upper Kell',
  'Kell',
  'Greyline Security',
  'Security',
  'Estmark Shipping Employers',
  'Employers',
  'United Port Workers',
  'Workers',
  'Coastline Daily',
  'Global Ledger',
  'Merida Capital',
  'Nordbank Markets',
  'North Terminal',
  'Sallow Ford',
  'Kestria',
  'Valdorian Chamber',
  'Personal Data Protection',
  'Estmark Consumers',
];

describe('entities on the example corpus', () => {
  it.each(EXPECTED)('%s: %s is a %s', (prefix, surface, type, name) => {
    const found = entitiesOf(prefix).filter((e) => e.text === surface);
    expect(found.length).toBeGreaterThan(0);
    for (const e of found) {
      expect(e.type).toBe(type);
      expect(e.name).toBe(name);
    }
  });

  it('types no organisation, place or exercise as a person', () => {
    const files = exampleFiles();
    const persons = new Set<string>();
    for (const file of files) {
      for (const e of entitiesOf(file.slice(0, 9))) if (e.type === 'person') persons.add(e.name);
    }
    expect(NOT_PERSONS.filter((n) => persons.has(n))).toEqual([]);
    // The README's people keep their given name + surname.
    for (const name of [
      'Tomasz Wrenik',
      'Irena Kovaly',
      'Marta Leclercq',
      'Oskar Lindqvist',
      'Greta Holm',
      'Nadia Forsberg',
    ])
      expect(persons.has(name)).toBe(true);
  });
});
