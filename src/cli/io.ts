import { writeFile } from 'node:fs/promises';
import { type OpenOptions, openStore, type Store } from '../store/open.js';

/** A mistake in how the command was called: exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Default store location: `--db`, else `$STORYLINE_DB`, else `storyline.db`. */
export function dbLocation(option: string | undefined): string {
  return option ?? process.env.STORYLINE_DB ?? 'storyline.db';
}

/** Open the store, run `fn`, always close. */
export async function withStore<T>(
  location: string,
  fn: (store: Store) => Promise<T>,
  options: OpenOptions = {},
): Promise<T> {
  const store = await openStore(location, options);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** Write to `file`, or stdout when no file is given. */
export async function writeOutput(text: string, file: string | undefined): Promise<void> {
  if (file) await writeFile(file, text.endsWith('\n') ? text : `${text}\n`);
  else process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}
