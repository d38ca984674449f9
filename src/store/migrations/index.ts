import type { Migration, MigrationProvider } from 'kysely';
import * as init from './0001-init.js';
import * as search from './0002-search.js';
import * as overrides from './0003-entity-overrides.js';

/** Migrations in order; names sort as they run. Bundled in code so the CLI needs no file lookup. */
export const migrationProvider: MigrationProvider = {
  async getMigrations(): Promise<Record<string, Migration>> {
    return { '0001-init': init, '0002-search': search, '0003-entity-overrides': overrides };
  },
};
