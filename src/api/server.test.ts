import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/open.js';
import { createApp } from './app.js';
import { isLoopback, listen, type RunningServer } from './server.js';

describe('isLoopback', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['0.0.0.0', false],
    ['::', false],
    ['10.0.0.5', false],
    ['example.org', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopback(host)).toBe(expected);
  });
});

describe('listen', () => {
  let store: Store;
  let server: RunningServer;
  beforeAll(async () => {
    store = await openStore(':memory:');
    server = await listen(createApp({ store }), '127.0.0.1', 0);
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
  });

  it('serves the API over HTTP on a free port', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await fetch(`${server.url}api/stats`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ articles: 0, lastRun: null });
  });

  it('refuses a port already in use', async () => {
    await expect(listen(createApp({ store }), '127.0.0.1', server.port)).rejects.toThrow(/EADDRINUSE/);
  });
});
