/**
 * Corpus outputs of issue 7: a story's short extractive summary (the lead sentence of the article
 * its title comes from). Nullable: stories stored before this migration have none until the
 * next corpus run rewrites them.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('stories').addColumn('summary', 'text').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('stories').dropColumn('summary').execute();
}
