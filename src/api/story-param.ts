import type { Store } from '../store/open.js';
import { resolveStoryId } from '../store/repos/corpus.js';
import { stringParam } from './params.js';

/**
 * The `story=` filter of the list routes, following a story redirect so an old id lists what its
 * story holds now; an unknown id is kept as given (the list is then empty, as before).
 */
export async function storyParam(store: Store, query: Record<string, string>): Promise<string | undefined> {
  const story = stringParam(query, 'story');
  if (story === undefined) return undefined;
  return (await resolveStoryId(store.db, story)) ?? story;
}
