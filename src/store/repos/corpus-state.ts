/**
 * Which stored articles the corpus outputs cover (`corpus_state`, one row). Queue workers bump
 * `stored_generation` after a job stores articles; the corpus update records the generation it
 * read before loading the articles. Bumps land after the articles commit, so an update that
 * started before them leaves the corpus marked behind and another update follows.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

export interface CorpusGenerations {
  stored: number;
  corpus: number;
}

export async function corpusGenerations(db: Kysely<Database>): Promise<CorpusGenerations> {
  const row = await db
    .selectFrom('corpus_state')
    .select(['stored_generation', 'corpus_generation'])
    .where('id', '=', 1)
    .executeTakeFirst();
  return { stored: Number(row?.stored_generation ?? 0), corpus: Number(row?.corpus_generation ?? 0) };
}

/** Record that articles were stored (or may have been, by an earlier attempt of a job). */
export async function bumpStoredGeneration(db: Kysely<Database>): Promise<void> {
  await db
    .updateTable('corpus_state')
    .set((eb) => ({ stored_generation: eb('stored_generation', '+', 1) }))
    .where('id', '=', 1)
    .execute();
}

/** Record that the corpus outputs now cover `generation` (call under the corpus lock). */
export async function markCorpusGeneration(db: Kysely<Database>, generation: number): Promise<void> {
  await db.updateTable('corpus_state').set({ corpus_generation: generation }).where('id', '=', 1).execute();
}
