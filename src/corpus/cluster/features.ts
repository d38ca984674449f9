/**
 * Features for story clustering: TF-IDF weighted content words of the headline, the lead and
 * the body (boilerplate lines left out), and IDF-weighted entity ids. Plain maps; vectors keep
 * the heaviest shared terms and are L2-normalised over all terms.
 */
import type { CorpusArticle } from '../../core/corpus.js';
import { foldWords, hashString } from '../dedupe/minhash.js';

/** Words of the body read after the title: the lead carries the story (inverted pyramid). */
export const LEAD_WORDS = 120;
/** Generous characters per word, to cut the lead before folding it. */
const LEAD_CHARS_PER_WORD = 12;
/** Terms kept per article vector (the heaviest). */
export const MAX_TERMS = 40;
/** The title counts this many times: it names the story in few words. */
const TITLE_WEIGHT = 2;

const STOPWORDS = new Set(
  (
    'the and for are but not you all any can had her was one our out has have him his how its may new now old see ' +
    'two way who did get let put say she too use that with this from they will would there their what about which ' +
    'when make like time just know take into year your some could them than then look only come over also back after ' +
    'work first well even want because these give most said says told saying according since while where been were ' +
    'being more other such than very much many into onto upon during before under again further once here both each ' +
    'few own same should does doing having against between through above below off why whom those itself himself ' +
    'herself themselves ourselves yourself week weeks day days today yesterday tomorrow monday tuesday wednesday ' +
    'thursday friday saturday sunday january february march april june july august september october november ' +
    'december year years month months per cent percent mr mrs ms dr also still however last next news report ' +
    'reported reports reporter reporters people told statement added'
  ).split(/\s+/),
);

const WORD_RE = /\p{L}[\p{L}\p{N}]*/gu;

/** Crude English plural folding so "troops" meets "troop" and "talks" meets "talk". */
function stem(w: string): string {
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us')) return w.slice(0, -1);
  return w;
}

/** The term of one folded word, or null for short words and stopwords. */
export function contentWord(w: string): string | null {
  if (w.length < 3 || STOPWORDS.has(w)) return null;
  return stem(w);
}

/** Content terms of a piece of text, with counts. */
export function contentTerms(text: string, into: Map<string, number>, weight = 1, limit = Infinity): void {
  let n = 0;
  for (const m of foldWords(text).matchAll(WORD_RE)) {
    if (n++ >= limit) break;
    const w = m[0];
    if (w.length < 3 || STOPWORDS.has(w)) continue;
    const t = stem(w);
    into.set(t, (into.get(t) ?? 0) + weight);
  }
}

/** Lines at most this long can be site chrome repeated across articles ("Share on Facebook"). */
export const MAX_BOILERPLATE_LINE_CHARS = 120;
/**
 * Body words read after the lead, at `BODY_WEIGHT`: the lead names the story, the rest confirms
 * it (and carries it when the lead is chrome or the title is missing).
 */
export const BODY_WORDS = 600;
/** Weight of body words after the lead. */
const BODY_WEIGHT = 0.5;

/** Hash of a line as `boilerplateLines` counts it (folded, trimmed). */
export function lineHash(line: string): number {
  return hashString(foldWords(line.trim()));
}

/**
 * Short lines found in articles of two or more copy groups: share bars, kickers, paywall notes.
 * They say nothing about the story and would pull unrelated articles of one site together.
 */
export function boilerplateLines(
  articles: readonly CorpusArticle[],
  groupOf: ReadonlyMap<string, number>,
): Set<number> {
  const firstGroup = new Map<number, number>();
  const out = new Set<number>();
  for (const a of articles) {
    const group = groupOf.get(a.id) ?? -1;
    const seen = new Set<number>();
    for (const line of a.text.split('\n')) {
      const s = line.trim();
      if (!s || s.length > MAX_BOILERPLATE_LINE_CHARS) continue;
      const h = lineHash(s);
      if (seen.has(h)) continue;
      seen.add(h);
      const g = firstGroup.get(h);
      if (g === undefined) firstGroup.set(h, group);
      else if (g !== group || group === -1) out.add(h);
    }
  }
  return out;
}

/**
 * Raw term counts of an article: its headline (`title`, null when unusable) at `TITLE_WEIGHT`,
 * the first `LEAD_WORDS` body words at 1 and the next `BODY_WORDS` at `BODY_WEIGHT`, skipping
 * boilerplate lines.
 */
export function articleTerms(
  article: Pick<CorpusArticle, 'title' | 'text'>,
  title: string | null = article.title,
  skip: ReadonlySet<number> = new Set(),
): Map<string, number> {
  const terms = new Map<string, number>();
  if (title) addTitleTerms(title, terms);
  let read = 0;
  for (const line of article.text.split('\n')) {
    if (read >= LEAD_WORDS + BODY_WORDS) break;
    const s = line.trim();
    if (!s || (s.length <= MAX_BOILERPLATE_LINE_CHARS && skip.has(lineHash(s)))) continue;
    // Fold only what is read (foldKey normalises the whole string it is given).
    const words = foldWords(s.slice(0, (LEAD_WORDS + BODY_WORDS - read) * LEAD_CHARS_PER_WORD)).match(WORD_RE) ?? [];
    for (const w of words) {
      if (read >= LEAD_WORDS + BODY_WORDS) break;
      const weight = read++ < LEAD_WORDS ? 1 : BODY_WEIGHT;
      const t = contentWord(w);
      if (t) terms.set(t, (terms.get(t) ?? 0) + weight);
    }
  }
  return terms;
}

/** Add a headline's terms at `TITLE_WEIGHT`. */
export function addTitleTerms(title: string, terms: Map<string, number>): void {
  contentTerms(title, terms, TITLE_WEIGHT);
}

/** Distinct entity ids of an article, with mention counts. */
export function articleEntities(article: CorpusArticle): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of article.entities) out.set(m.entityId, (out.get(m.entityId) ?? 0) + 1);
  return out;
}

/** Smoothed inverse document frequency of a key found in `df` of `n` documents. */
export function idfOf(df: number, n: number): number {
  return Math.log((n + 1) / (df + 1)) + 1;
}

/** Inverse document frequency table over a list of key sets. */
export function idfTable(sets: ReadonlyArray<Iterable<string>>): Map<string, number> {
  const df = new Map<string, number>();
  for (const s of sets) for (const k of s) df.set(k, (df.get(k) ?? 0) + 1);
  const n = sets.length;
  const idf = new Map<string, number>();
  for (const [k, d] of df) idf.set(k, idfOf(d, n));
  return idf;
}

/**
 * TF-IDF vector of the heaviest `MAX_TERMS` terms, L2-normalised; sorted by weight, then term.
 * Terms whose IDF is above `maxIdf` (pass the IDF of a term found in one article only) are
 * dropped: they cannot match any other article, and being the rarest they would otherwise fill
 * the vector and leave no room for the words the article shares with its story.
 */
export function tfidfVector(
  terms: Map<string, number>,
  idf: Map<string, number>,
  maxIdf = Number.POSITIVE_INFINITY,
): Array<[string, number]> {
  const v: Array<[string, number]> = [];
  let norm = 0;
  for (const [t, c] of terms) {
    const idfT = idf.get(t) ?? 1;
    const w = (c < 1 ? c : 1 + Math.log(c)) * idfT;
    // Unique terms still count in the norm: much unshared content is evidence of another story.
    norm += w * w;
    if (idfT <= maxIdf) v.push([t, w]);
  }
  if (v.length > MAX_TERMS) {
    // Keep the heaviest MAX_TERMS before sorting them (a typed-array sort of the weights is far
    // cheaper than sorting every term with a comparator).
    const weights = Float64Array.from(v, (e) => e[1]).sort();
    const cut = weights[weights.length - MAX_TERMS] as number;
    const kept = v.filter((e) => e[1] >= cut);
    v.length = 0;
    v.push(...kept);
  }
  v.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  v.length = Math.min(v.length, MAX_TERMS);
  norm = Math.sqrt(norm) || 1;
  for (const e of v) e[1] /= norm;
  return v;
}
