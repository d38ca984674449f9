/**
 * `storyline entities list|merge|split` on a small store: the user's decisions are overrides that
 * survive re-analysis, and ids stay consistent between `entities list` and the export.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/cli.js';
import type { ExportDocument } from '../../views/export.js';

const work = mkdtempSync(path.join(tmpdir(), 'storyline-entities-'));
const inputs = path.join(work, 'in');
const db = path.join(work, 'store.db');

const ARTICLES: Record<string, string> = {
  'a.txt':
    'Harbour strike spreads in Brenmouth\n\nPublished: 2 March 2026\n\nDock workers in Brenmouth walked out on Monday, ' +
    'union leader Marta Leclercq said. Leclercq said the strike would last a week. Port director Tomasz Wrenik ' +
    'called the action unlawful.\n',
  'b.txt':
    'Brenmouth port stays shut\n\nPublished: 3 March 2026\n\nThe port of Brenmouth stayed shut on Tuesday. Union ' +
    'leader Marta Leclercq said talks with port director Tomas Vrenik had failed. Vrenik said he would meet the union again.\n',
};

async function analyze() {
  const run = await runCli(['analyze', inputs, '--db', db, '--jobs', '1']);
  expect(run.code).toBe(0);
}

beforeAll(async () => {
  const { mkdirSync } = await import('node:fs');
  mkdirSync(inputs, { recursive: true });
  for (const [name, text] of Object.entries(ARTICLES)) writeFileSync(path.join(inputs, name), text);
  await analyze();
}, 120_000);

describe('storyline entities', () => {
  it('lists entities with aliases and the rule of each merge', async () => {
    const run = await runCli(['entities', 'list', '--db', db, '--type', 'person']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^person:marta-leclercq {2}person {2}2 articles {2}Marta Leclercq$/m);
    expect(run.stdout).toMatch(/^person:tomas-vrenik {2}person {2}2 articles {2}Tomas Vrenik$/m);
    expect(run.stdout).toMatch(/merged: person:tomasz-wrenik \(entities\/skeleton\)/);
  });

  it('rejects unknown ids and types with a usage error', async () => {
    expect((await runCli(['entities', 'merge', 'person:nobody', 'person:marta-leclercq', '--db', db])).code).toBe(2);
    expect((await runCli(['entities', 'list', '--type', 'ship', '--db', db])).code).toBe(2);
  });

  it('splits and merges, and both survive re-analysis', async () => {
    const split = await runCli(['entities', 'split', 'person:tomasz-wrenik', '--db', db]);
    expect(split.code).toBe(0);
    const merge = await runCli(['entities', 'merge', 'person:marta-leclercq', 'person:tomas-vrenik', '--db', db]);
    expect(merge.stdout).toMatch(/Merged person:marta-leclercq into person:tomas-vrenik/);
    // Re-analysis: same inputs again, then a changed article.
    writeFileSync(path.join(inputs, 'b.txt'), `${ARTICLES['b.txt']}Officials said more talks were planned.\n`);
    await analyze();
    const jsonFile = path.join(work, 'export.json');
    expect((await runCli(['export', '--db', db, '--out', jsonFile])).code).toBe(0);
    const doc = JSON.parse(readFileSync(jsonFile, 'utf8')) as ExportDocument;
    const ids = new Set(doc.entities.map((e) => e.entityId));
    expect(ids.has('person:tomasz-wrenik')).toBe(true);
    expect(ids.has('person:marta-leclercq')).toBe(false);
    const vrenik = doc.entities.find((e) => e.entityId === 'person:tomas-vrenik');
    expect(vrenik?.aliases).toEqual(expect.arrayContaining(['Marta Leclercq', 'Tomas Vrenik']));
    expect(vrenik?.aliases).not.toContain('Tomasz Wrenik');
    // Every mention of every article carries an id the entity list knows.
    for (const a of doc.articles) for (const m of a.entities) expect(ids.has(m.entityId)).toBe(true);
  });
});
