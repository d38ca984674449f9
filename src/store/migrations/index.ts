import type { Migration, MigrationProvider } from 'kysely';
import * as init from './0001-init.js';
import * as search from './0002-search.js';
import * as overrides from './0003-entity-overrides.js';
import * as articleStatus from './0004-article-status.js';
import * as fetchState from './0005-fetch-state.js';
import * as corpusIncremental from './0006-corpus-incremental.js';
import * as queue from './0007-queue.js';
import * as quotesClaims from './0008-quotes-claims.js';
import * as storyRedirects from './0009-story-redirects.js';

/**
 * Migrations in order; names sort as they run. Bundled in code so the CLI needs no file lookup.
 * Numbers are reserved per issue and land in any order, so a store may have run a later number
 * before an earlier one is added: the migrator is built with `allowUnorderedMigrations`.
 */
export const migrationProvider: MigrationProvider = {
  async getMigrations(): Promise<Record<string, Migration>> {
    return {
      '0001-init': init,
      '0002-search': search,
      '0003-entity-overrides': overrides,
      '0004-article-status': articleStatus,
      '0005-fetch-state': fetchState,
      '0006-corpus-incremental': corpusIncremental,
      '0007-queue': queue,
      '0008-quotes-claims': quotesClaims,
      '0009-story-redirects': storyRedirects,
    };
  },
};
