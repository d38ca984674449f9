/**
 * Corpus stages: from annotated articles to duplicates, stories, a timeline, conflicts and
 * corpus-wide entities. Each step is a plain function; this file only fixes their order.
 *
 * Order, and why:
 * 1. dedupe            - copies decide everything after: they fill gaps, stay in one story and
 *                        count once as a source.
 * 2. inferFromCopies   - an undated or uncredited copy borrows date/wire from its copies, before
 *                        clustering and the timeline read dates.
 * 3. mergeEntities     - one id per real entity ("Tomas Vrenik" = "Tomasz Wrenik") before
 *                        clustering compares entity ids and compare looks at speakers.
 * 4. clusterStories    - stories and their events.
 * 5. buildTimeline     - needs stories (entries are tagged with their story) and copies.
 * 6. findConflicts     - quantity conflicts are looked for inside stories, between copy groups;
 *                        findQuoteRecords groups one quote's occurrences across articles.
 *
 * The input is never mutated: steps 2 and 3 work on shallow copies.
 *
 * `CorpusStream` (stream.ts) is the online path: copies and stories one article at a time, with
 * indexes bounded by a window of publication days (bench:scale measures it). `syndicationLineage`
 * reads the copy groups: original, each copy's edits, agency credited.
 */
import type { CorpusArticle, CorpusResult } from '../core/corpus.js';
import { clusterStories } from './cluster/index.js';
import { findConflicts, findQuoteRecords } from './compare/index.js';
import { type CopyInference, findDuplicates, inferFromCopies } from './dedupe/index.js';
import { mergeEntities, remapArticle } from './entities/index.js';
import { buildTimeline } from './timeline/index.js';

export { clusterStories } from './cluster/index.js';
export { findConflicts, findQuoteRecords } from './compare/index.js';
export { type CopyInference, copyGroups, findDuplicates, inferFromCopies } from './dedupe/index.js';
export { type CopyLineage, syndicationLineage } from './dedupe/lineage.js';
export { mergeEntities, remapArticle } from './entities/index.js';
export { CorpusStream, streamOrder } from './stream.js';

/** What the corpus steps produce, plus what callers need to rewrite stored articles. */
export interface CorpusAnalysis extends CorpusResult {
  /** Entity ids merged into another id (`from` → `to`). */
  remap: Map<string, string>;
  /** Publication dates and wire credits borrowed from copies, by article id. */
  inferred: Map<string, CopyInference>;
}

/**
 * Run every corpus step over `articles`; see the file comment for the order. `overrides` are the
 * user's entity merges (`from` → `to`) and splits (`from` → null), see `mergeEntities`.
 */
export function analyzeCorpus(
  articles: CorpusArticle[],
  overrides: ReadonlyMap<string, string | null> = new Map(),
): CorpusAnalysis {
  // Id order, so no step (the timeline picks entry text by input order) depends on input order.
  const sorted = [...articles].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const duplicates = findDuplicates(sorted);
  const inferred = inferFromCopies(sorted, duplicates);
  const filled = sorted.map((a) => {
    const fill = inferred.get(a.id);
    return fill
      ? { ...a, ...(fill.published ? { published: fill.published } : {}), ...(fill.wire ? { wire: fill.wire } : {}) }
      : a;
  });
  const { entities, remap } = mergeEntities(filled, overrides);
  const merged = remap.size > 0 ? filled.map((a) => remapArticle(a, remap)) : filled;
  const stories = clusterStories(merged, duplicates);
  const timeline = buildTimeline(merged, stories, duplicates);
  const conflicts = findConflicts(merged, stories, duplicates);
  const quotes = findQuoteRecords(merged, stories);
  return { duplicates, stories, timeline, conflicts, entities, remap, inferred, quotes };
}
