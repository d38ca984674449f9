/**
 * Features for story clustering: TF-IDF weighted content words of the title and the lead, and
 * IDF-weighted entity ids. Plain maps, L2-normalised.
 */
import type { CorpusArticle } from '../../core/corpus.js';
import { foldWords } from '../dedupe/minhash.js';

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

/** Raw term counts of title + lead. */
export function articleTerms(article: CorpusArticle): Map<string, number> {
  const terms = new Map<string, number>();
  if (article.title) contentTerms(article.title, terms, TITLE_WEIGHT);
  // Fold only the lead (foldKey normalises the whole string it is given).
  contentTerms(article.text.slice(0, LEAD_WORDS * LEAD_CHARS_PER_WORD), terms, 1, LEAD_WORDS);
  return terms;
}

/** Distinct entity ids of an article, with mention counts. */
export function articleEntities(article: CorpusArticle): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of article.entities) out.set(m.entityId, (out.get(m.entityId) ?? 0) + 1);
  return out;
}

/** Inverse document frequency table over a list of key sets. */
export function idfTable(sets: ReadonlyArray<Iterable<string>>): Map<string, number> {
  const df = new Map<string, number>();
  for (const s of sets) for (const k of s) df.set(k, (df.get(k) ?? 0) + 1);
  const n = sets.length;
  const idf = new Map<string, number>();
  for (const [k, d] of df) idf.set(k, Math.log((n + 1) / (d + 1)) + 1);
  return idf;
}

/** TF-IDF vector of the heaviest `MAX_TERMS` terms, L2-normalised; sorted by weight, then term. */
export function tfidfVector(terms: Map<string, number>, idf: Map<string, number>): Array<[string, number]> {
  const v: Array<[string, number]> = [];
  for (const [t, c] of terms) v.push([t, (1 + Math.log(c)) * (idf.get(t) ?? 1)]);
  v.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  v.length = Math.min(v.length, MAX_TERMS);
  let norm = 0;
  for (const [, w] of v) norm += w * w;
  norm = Math.sqrt(norm) || 1;
  for (const e of v) e[1] /= norm;
  return v;
}
