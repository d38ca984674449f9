import type { Kysely } from 'kysely';
import type { Diagnostic } from '../../core/diagnostic.js';
import type { Database } from '../schema.js';

export async function startRun(db: Kysely<Database>, inputs: readonly string[], codeVersion: string): Promise<number> {
  const row = await db
    .insertInto('runs')
    .values({
      started_at: new Date().toISOString(),
      code_version: codeVersion,
      inputs: JSON.stringify(inputs),
      stored: 0,
      skipped: 0,
      failed: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function finishRun(
  db: Kysely<Database>,
  runId: number,
  counts: { stored: number; skipped: number; failed: number },
): Promise<void> {
  await db
    .updateTable('runs')
    .set({ ...counts, finished_at: new Date().toISOString() })
    .where('id', '=', runId)
    .execute();
}

/** A diagnostic tied to the input it came from (and the article, when one was made). */
export interface RecordedDiagnostic {
  origin: string;
  articleId: string | null;
  diagnostic: Diagnostic;
}

export async function recordDiagnostics(
  db: Kysely<Database>,
  runId: number,
  items: readonly RecordedDiagnostic[],
): Promise<void> {
  const rows = items.map(({ origin, articleId, diagnostic: d }) => ({
    run_id: runId,
    origin,
    article_id: articleId,
    severity: d.severity,
    stage: d.stage,
    rule: d.rule,
    reason: d.reason,
    span_start: d.span?.start ?? null,
    span_end: d.span?.end ?? null,
  }));
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('diagnostics')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

export async function listDiagnostics(db: Kysely<Database>, articleId: string) {
  return db.selectFrom('diagnostics').selectAll().where('article_id', '=', articleId).orderBy('id').execute();
}
