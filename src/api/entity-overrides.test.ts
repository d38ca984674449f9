/**
 * Entity merge/split through the API (user overrides that survive every corpus recompute), and
 * 1 000 concurrent reads against one store.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../pipeline/analyze.js';
import { openStore, type Store } from '../store/open.js';
import { loadOverrides } from '../store/repos/overrides.js';
import { createApp } from './app.js';

let work: string;
let store: Store;
let writable: Store;
let reader: Hono;
let writer: Hono;

const WRENIK = 'person:tomasz-wrenik';
const VRENIK = 'person:tomas-vrenik';
const KOVALY = 'person:irena-kovaly';
const OSTRIK = 'person:pavel-ostrik';

async function call(on: Hono, url: string, init?: RequestInit) {
  const res = await on.request(url, init);
  const text = await res.text();
  return { res, status: res.status, body: text ? JSON.parse(text) : null };
}

const merge = (id: string, body: unknown, on: Hono = writer, headers: Record<string, string> = {}) =>
  call(on, `/api/entities/${encodeURIComponent(id)}/merge`, {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', ...headers },
  });
const split = (id: string, on: Hono = writer, headers: Record<string, string> = {}) =>
  call(on, `/api/entities/${encodeURIComponent(id)}/split`, { method: 'POST', headers });
const entity = (id: string, on: Hono = writer) => call(on, `/api/entities/${encodeURIComponent(id)}`);

const ARTICLE = [
  'Harbour talks resume in Merida City',
  '',
  'MERIDA CITY, March 22, 2026 — Irena Kovaly and Pavel Ostrik met again on Saturday, officials said.',
  '',
  '"We are close," Irena Kovaly told reporters after the meeting in Merida City.',
].join('\n');

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'storyline-overrides-'));
  const file = path.join(work, 'store.db');
  const built = await openStore(file);
  await analyze(built, ['examples/corpus'], { concurrency: 1 });
  await built.close();
  copyFileSync(file, path.join(work, 'writable.db'));
  store = await openStore(file);
  writable = await openStore(path.join(work, 'writable.db'));
  reader = createApp({ store });
  writer = createApp({ store: writable });
}, 180_000);

afterAll(async () => {
  await store?.close();
  await writable?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('POST /api/entities/:id/merge and /split', () => {
  it('merges one entity into another and answers with the merged entity', async () => {
    const before = await entity(OSTRIK);
    const etag = before.res.headers.get('etag');
    const { status, body } = await merge(KOVALY, { into: OSTRIK });
    expect(status).toBe(200);
    expect(body.entity.entityId).toBe(OSTRIK);
    expect(body.mergedIds).toContain(KOVALY);
    expect(body.entity.articles).toBeGreaterThanOrEqual(before.body.entity.articles);
    // The old id answers with the merged entity; the write changed every ETag.
    const old = await entity(KOVALY);
    expect(old.body.entity.entityId).toBe(OSTRIK);
    expect(old.res.headers.get('etag')).not.toBe(etag);
    expect((await loadOverrides(writable.db)).get(KOVALY)).toBe(OSTRIK);
  });

  it('keeps the merge when the corpus stages run again (another ingest)', async () => {
    const ingest = await call(writer, '/api/ingest', {
      method: 'POST',
      body: ARTICLE,
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(ingest.status).toBe(201);
    // The corpus stages run in the background after an ingest: wait for them.
    await expect
      .poll(async () => (await call(writer, '/api/corpus/status')).body.state, { timeout: 30_000 })
      .toBe('idle');
    const { body } = await entity(KOVALY);
    expect(body.entity.entityId).toBe(OSTRIK);
    expect(body.mergedIds).toContain(KOVALY);
    expect(body.articles.map((a: { id: string }) => a.id)).toContain(ingest.body.stored[0]);
  });

  it('splits an automatic merge off, and the split holds across runs', async () => {
    expect((await entity(WRENIK)).body.mergedIds).toContain(VRENIK);
    const { status, body } = await split(VRENIK);
    expect(status).toBe(200);
    expect(body.entity.entityId).toBe(VRENIK);
    expect(body.mergedIds).not.toContain(WRENIK);
    expect((await entity(WRENIK)).body.mergedIds).not.toContain(VRENIK);
    // Rerun the whole analysis: the stored override still holds.
    await analyze(writable, ['examples/corpus'], { concurrency: 1 });
    expect((await entity(VRENIK)).body.entity.entityId).toBe(VRENIK);
    expect((await entity(KOVALY)).body.entity.entityId).toBe(OSTRIK);
  }, 120_000);

  it('splits a user merge off again', async () => {
    const { status, body } = await split(KOVALY);
    expect(status).toBe(200);
    expect(body.entity.entityId).toBe(KOVALY);
    expect((await entity(OSTRIK)).body.mergedIds).not.toContain(KOVALY);
    expect((await loadOverrides(writable.db)).get(KOVALY)).toBeNull();
  });

  it('answers 404 for unknown ids and 400 for a bad merge', async () => {
    expect((await merge('person:nobody', { into: OSTRIK })).status).toBe(404);
    expect((await merge(OSTRIK, { into: 'person:nobody' })).status).toBe(404);
    expect((await split('person:nobody')).status).toBe(404);
    const self = await merge(OSTRIK, { into: OSTRIK });
    expect(self.status).toBe(400);
    expect(self.body.error.code).toBe('bad-request');
    expect((await merge(OSTRIK, '{not json')).status).toBe(400);
    expect((await merge(OSTRIK, {})).status).toBe(400);
    expect((await merge(OSTRIK, { into: KOVALY, extra: 1 })).status).toBe(400);
    expect((await merge(OSTRIK, { into: 7 })).status).toBe(400);
    expect((await merge(OSTRIK, ['x'])).status).toBe(400);
    const plain = await call(writer, `/api/entities/${OSTRIK}/merge`, {
      method: 'POST',
      body: KOVALY,
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(plain.status).toBe(400);
  });

  it('needs the bearer token when one is configured; reads stay open', async () => {
    const guarded = createApp({ store: writable, token: 'correct-horse-battery' });
    expect((await merge(KOVALY, { into: OSTRIK }, guarded)).status).toBe(401);
    expect((await split(VRENIK, guarded, { Authorization: 'Bearer nope' })).status).toBe(401);
    expect((await entity(KOVALY, guarded)).status).toBe(200);
    const right = await merge(KOVALY, { into: OSTRIK }, guarded, { Authorization: 'Bearer correct-horse-battery' });
    expect(right.status).toBe(200);
    expect(right.body.entity.entityId).toBe(OSTRIK);
    const undo = await split(KOVALY, guarded, { Authorization: 'Bearer correct-horse-battery' });
    expect(undo.status).toBe(200);
  });
});

describe('1 000 concurrent requests', () => {
  it('all answer 200 and leave the store intact', async () => {
    const stats = (await call(reader, '/api/stats')).body;
    const stories = (await call(reader, '/api/stories?limit=5')).body.items as { storyId: string }[];
    const articles = (await call(reader, '/api/articles?limit=5')).body.items as { id: string }[];
    const urls = [
      '/api/stats',
      '/api/stories?sort=recent',
      `/api/stories/${stories[0]?.storyId}`,
      '/api/articles?limit=10',
      `/api/articles/${articles[0]?.id}`,
      '/api/entities?type=person',
      `/api/entities/${WRENIK}`,
      `/api/quotes?speaker=${WRENIK}`,
      '/api/claims?limit=20',
      '/api/conflicts',
      '/api/timeline?limit=50',
      '/api/search?q=Valdoria',
    ];
    const responses = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => reader.request(urls[i % urls.length] as string)),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    // Every body is complete JSON, identical across requests for one URL.
    const bodies = await Promise.all(responses.map((r) => r.text()));
    for (let i = urls.length; i < bodies.length; i++) expect(bodies[i]).toBe(bodies[i % urls.length]);
    expect((await call(reader, '/api/stats')).body).toEqual(stats);
    const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(store.db);
    expect(check.rows[0]?.integrity_check).toBe('ok');
  }, 120_000);
});
