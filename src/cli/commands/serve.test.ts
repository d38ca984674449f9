import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/cli.js';

const work = mkdtempSync(path.join(tmpdir(), 'storyline-serve-'));
const db = path.join(work, 'store.db');
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('storyline serve', () => {
  it('refuses a non-loopback host without a token (exit 2, clear message)', async () => {
    const saved = process.env.STORYLINE_TOKEN;
    delete process.env.STORYLINE_TOKEN;
    try {
      for (const host of ['0.0.0.0', '192.168.1.10', '::']) {
        const run = await runCli(['serve', '--db', db, '--host', host]);
        expect(run.code).toBe(2);
        expect(run.stderr).toContain(`non-loopback host \`${host}\` without a token`);
        expect(run.stderr).toContain('--token');
      }
    } finally {
      if (saved !== undefined) process.env.STORYLINE_TOKEN = saved;
    }
  });

  it.each([
    [['--port', 'http'], '--port'],
    [['--port', '70000'], '--port'],
    [['--cors', 'not an origin'], '--cors'],
    [['--host', '0.0.0.0', '--token', 'short'], 'short token'],
  ])('rejects %j (exit 2)', async (args, message) => {
    const run = await runCli(['serve', '--db', db, ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});
