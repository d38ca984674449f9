/**
 * The dialect loop for store tests (after Kysely's own suite): the same test on every dialect.
 * PostgreSQL runs go to the server named by `STORYLINE_TEST_PG` (a role allowed to create
 * databases); each fresh store is a new database, dropped when the test file ends. Without the
 * variable the PostgreSQL runs are skipped with a message, except in CI, where they fail.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll } from 'vitest';

export const TEST_PG_URL = process.env.STORYLINE_TEST_PG;

export interface TestDialect {
  name: 'sqlite' | 'postgres';
  /** Why this dialect does not run here (the tests are skipped), or null. */
  skip: string | null;
  /** A new, empty store location. */
  fresh(label: string): Promise<string>;
}

const sqlite: TestDialect = {
  name: 'sqlite',
  skip: null,
  fresh: async (label) => path.join(mkdtempSync(path.join(tmpdir(), 'storyline-store-')), `${label}.db`),
};

const created: string[] = [];

/** `base` with its database name replaced. */
export function withDatabase(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const postgres: TestDialect = {
  name: 'postgres',
  skip: TEST_PG_URL ? null : 'STORYLINE_TEST_PG is not set (e.g. postgres://user:pw@127.0.0.1/db)',
  async fresh(label) {
    if (!TEST_PG_URL) throw new Error('STORYLINE_TEST_PG is not set');
    const name = `sl_${label.replace(/\W/g, '_').slice(0, 30)}_${process.pid}_${created.length}_${Date.now() % 100_000}`;
    await admin((c) => c.query(`CREATE DATABASE ${name}`));
    created.push(name);
    return withDatabase(TEST_PG_URL, name);
  },
};

/**
 * `WITH (FORCE)` refuses while an autovacuum worker (owned by no role we may signal) is in the
 * freshly written database; such a worker soon gives way, so retry for a while.
 */
async function dropDatabase(client: pg.Client, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      return;
    } catch (error) {
      if (attempt >= 20 || !/must be a member of the role|pg_signal_backend/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/** Drop the databases a test file created (call once per file, at top level). */
export function dropTestDatabasesAfterAll(): void {
  afterAll(async () => {
    if (!TEST_PG_URL || created.length === 0) return;
    await admin(async (c) => {
      for (const name of created.splice(0)) await dropDatabase(c, name);
    });
  }, 120_000);
}

/**
 * Every dialect to test. In CI (`CI` set) a missing PostgreSQL URL is an error, so a broken CI
 * setup cannot pass by skipping; locally the PostgreSQL runs skip and say why once.
 */
export function testDialects(): TestDialect[] {
  if (!TEST_PG_URL) {
    if (process.env.CI) throw new Error('CI is set but STORYLINE_TEST_PG is not: PostgreSQL tests cannot run');
    if (!warned) process.stderr.write(`Skipping PostgreSQL store tests: ${postgres.skip}\n`);
    warned = true;
  }
  return [sqlite, postgres];
}
let warned = false;
