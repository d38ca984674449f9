/**
 * Syndication lineage: for each group of copies, which version is the original (earliest
 * published, else the fullest), what every other copy changed (paragraphs added, dropped,
 * changed), and which agency the group credits. Photo credits are not credits of the story: the
 * extract stage keeps them out of `wire` (see stages/extract/wire.ts).
 *
 * Works from the duplicate pairs of `findDuplicates` (or the stream's copy matches) and the
 * article texts; a group of copies counts once as a source in a story.
 */
import type { Duplicate, DuplicateKind } from '../../core/corpus.js';
import type { Article } from '../../core/doc.js';
import { copyGroups } from './index.js';
import { normalizedWords } from './minhash.js';

export interface CopyEdits {
  /** Paragraphs of the copy that the original lacks. */
  added: number;
  /** Paragraphs of the original that the copy lacks. */
  dropped: number;
  /** Paragraphs rewritten (half or more of their words kept). */
  changed: number;
}

export interface LineageCopy {
  article: string;
  kind: DuplicateKind;
  /** Similarity of the link that ties it to its group (to the original when direct). */
  similarity: number;
  edits: CopyEdits;
}

export interface CopyLineage {
  /** Id of the original, which names the group. */
  original: string;
  /** Agencies credited by any member (sorted); empty when none is. */
  agency: string[];
  copies: LineageCopy[];
}

/** Paragraphs shorter than this many words (datelines, credits, "Read more") are not compared. */
const MIN_PARAGRAPH_WORDS = 5;
/** Word Jaccard at or above which two paragraphs are one paragraph edited. */
const CHANGED_JACCARD = 0.5;

/** What lineage reads of an article (stored articles and export articles both fit). */
export interface LineageArticle {
  id: string;
  text: string;
  wire: readonly string[];
  published: { date: string | null; from: string | null; how: string };
}

function paragraphs(text: string): string[][] {
  return text
    .split('\n')
    .map((l) => normalizedWords(l))
    .filter((w) => w.length >= MIN_PARAGRAPH_WORDS);
}

function wordJaccard(x: readonly string[], y: readonly string[]): number {
  const a = new Set(x);
  const b = new Set(y);
  let inter = 0;
  for (const w of a) if (b.has(w)) inter++;
  return inter / (a.size + b.size - inter || 1);
}

/** Paragraph edits that turn `original` into `copy`. */
export function copyEdits(original: string, copy: string): CopyEdits {
  const from = paragraphs(original);
  const to = paragraphs(copy);
  const fromKeys = new Set(from.map((p) => p.join(' ')));
  const toKeys = new Set(to.map((p) => p.join(' ')));
  const onlyFrom = from.filter((p) => !toKeys.has(p.join(' ')));
  const onlyTo = to.filter((p) => !fromKeys.has(p.join(' ')));
  let changed = 0;
  const used = new Set<number>();
  for (const p of onlyTo) {
    const i = onlyFrom.findIndex((q, k) => !used.has(k) && wordJaccard(p, q) >= CHANGED_JACCARD);
    if (i < 0) continue;
    used.add(i);
    changed++;
  }
  return { added: onlyTo.length - changed, dropped: onlyFrom.length - changed, changed };
}

/** Earlier publication first, then the fuller text, then the smaller id. */
function compareOriginals(x: LineageArticle, y: LineageArticle): number {
  // A date borrowed from a copy says nothing about which came first.
  const dx = x.published.how === 'duplicate' ? null : (x.published.date ?? x.published.from);
  const dy = y.published.how === 'duplicate' ? null : (y.published.date ?? y.published.from);
  if (dx && dy && dx !== dy) return dx < dy ? -1 : 1;
  if (dx && !dy) return -1;
  if (dy && !dx) return 1;
  if (x.text.length !== y.text.length) return y.text.length - x.text.length;
  return x.id < y.id ? -1 : 1;
}

/** Lineage of every group of two or more copies, ordered by original id. */
export function syndicationLineage(
  articles: readonly LineageArticle[],
  duplicates: readonly Duplicate[],
): CopyLineage[] {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const out: CopyLineage[] = [];
  for (const group of copyGroups(articles as unknown as Article[], duplicates)) {
    if (group.length < 2) continue;
    const members = group.map((id) => byId.get(id) as LineageArticle).sort(compareOriginals);
    const original = members[0] as LineageArticle;
    const links = duplicates.filter((d) => group.includes(d.a) && group.includes(d.b));
    const copies = members.slice(1).map((m): LineageCopy => {
      const direct = links.find((d) => (d.a === original.id && d.b === m.id) || (d.b === original.id && d.a === m.id));
      const any = links.filter((d) => d.a === m.id || d.b === m.id).sort((p, q) => q.similarity - p.similarity)[0];
      const link = direct ?? any;
      return {
        article: m.id,
        kind: link?.kind ?? 'syndicated',
        similarity: link?.similarity ?? 0,
        edits: copyEdits(original.text, m.text),
      };
    });
    out.push({ original: original.id, agency: [...new Set(members.flatMap((a) => a.wire))].sort(), copies });
  }
  return out.sort((x, y) => (x.original < y.original ? -1 : 1));
}
