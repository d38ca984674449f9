/**
 * Online story clustering: each arriving document joins the best open story or opens a new one,
 * looking only at the stories that share one of its heavy terms or entities (inverted index), so
 * the cost of an arrival is proportional to its candidates, never to the number of stories.
 *
 * The core works on bare token lists (`terms` with weights), so it runs on full articles (see
 * `features.ts`) as well as on pre-stemmed headlines (bench:cluster).
 *
 * - Terms are hashed to 22-bit ids (feature hashing): document frequencies live in one fixed
 *   typed array and centroids are keyed by small integers, so neither a vocabulary nor string
 *   keys grow with the stream. Two terms sharing an id only blur each other's weight.
 * - Weights are TF-IDF with document frequencies counted so far (online IDF).
 * - A story's centroid is the sum of its documents' L2-normalised vectors; the score of a
 *   document against a story is cosine(doc, centroid), plus an entity share when entities are
 *   given. A story is a candidate only if its publication days are within `maxGapDays`.
 * - A document scoring at least `mergeThreshold` against two stories merges them: the younger
 *   story's id redirects to the older one (`resolve`).
 * - Settling: the documents placed since the last settle (one publication day, or at most
 *   `maxPending` of an undated stream, or the rest of a batch when the caller calls `settle`)
 *   are re-weighted with the IDF known now and moved, a copy group at a time, to the candidate
 *   story that fits them best without them, for up to `settlePasses` passes (as MStream iterates
 *   over a batch). Each pass decides every move against the same centroids, then applies them,
 *   so a pass does not depend on the order of the documents inside the batch. Documents that
 *   joined online at `mergeThreshold` or above are not re-examined, and a later pass looks again
 *   only at documents next to a story that changed (the settle costs less than the online pass).
 * - Events: inside a story, documents published within `eventGapDays` of an event's first
 *   document whose words meet `eventMinCosine` with it (or copies of one of its documents) share
 *   the event; a bounded list of recent events is searched.
 * - Memory window: stories whose latest document is older than `windowDays` before the newest
 *   publication day seen are evicted (handed to `onEvict`, then forgotten). Posting lists keep
 *   their newest `2 × maxPostingScan` entries (only the newest `maxPostingScan` are read) and are
 *   swept when the day advances. Undated streams never evict by time.
 *
 * Determinism: the result depends on arrival order only. Callers sort a batch (publication day,
 * then id) before feeding it, so a batch's file order does not matter.
 */
import { fmix32, hashString } from '../dedupe/minhash.js';

/** One document as the online clusterer sees it. */
export interface StreamDoc {
  id: string;
  /** Day number (days since 1970-01-01) of publication, or null. */
  day: number | null;
  /** Term → raw weight (count, or weighted count: headline terms count double). */
  terms: ReadonlyMap<string, number>;
  /** The same keyed by `termId` (callers that hashed the words already); used instead of `terms` when given. */
  termIds?: ReadonlyMap<number, number>;
  /** Entity ids, if known. */
  entities?: readonly string[];
  /** Copy group key: documents of one copy group always share a story and an event. */
  group?: string;
  /** A label for the document (headline), used for story and event titles. */
  label?: string;
  /** First sentence of the body, for the story's extractive summary (a function: read only if used). */
  lead?: string | (() => string);
}

export interface OnlineClusterOptions {
  /** Score at or above which a document joins a story. */
  joinThreshold: number;
  /** Score at or above which a document reaching two stories merges them. */
  mergeThreshold: number;
  /** Share of the score from entities (0 when the stream has none). */
  entityWeight: number;
  /** Below this term cosine, shared entities alone never join a story. */
  minTermCosine: number;
  /** Heaviest terms of a document used to look up and index stories. */
  indexTerms: number;
  /** Terms kept per document vector. */
  maxTerms: number;
  /** Terms kept in a story centroid (the heaviest; bounded memory for large stories). */
  maxCentroidTerms: number;
  /** Stories scored exactly per document. */
  maxCandidates: number;
  /** Only the newest entries of a posting list are read. */
  maxPostingScan: number;
  /** A story stays open this many days after its latest document. */
  maxGapDays: number;
  /** Stories idle longer than this (publication days) are evicted. */
  windowDays: number;
  /** Events: documents at most this many days after an event's first document can join it. */
  eventGapDays: number;
  /** Events: term cosine with the event at which a document joins it. */
  eventMinCosine: number;
  /** Events searched per document (the newest of the story). */
  maxEventScan: number;
  /**
   * Exponent of the centroid's squared norm in the score: 0.5 is the cosine; lower favours
   * large stories, whose summed centroid spreads its weight over many wordings.
   */
  normPower: number;
  /**
   * Prior for large stories, as the cluster-size term of MStream's Dirichlet model: the cosine
   * is multiplied by 1 + sizePrior × ln(documents). 0 turns it off.
   */
  sizePrior: number;
  /** Reassignment passes of a settle (0: purely online). */
  settlePasses: number;
  /** `normPower` of the settle score (the story without the document being moved). */
  settlePower: number;
  /** An undated stream settles at least every this many documents (bounds the pending memory). */
  maxPending: number;
}

export const DEFAULT_ONLINE_OPTIONS: OnlineClusterOptions = {
  joinThreshold: 0.2,
  mergeThreshold: 0.5,
  entityWeight: 0.4,
  minTermCosine: 0.08,
  indexTerms: 12,
  maxTerms: 40,
  maxCentroidTerms: 200,
  maxCandidates: 12,
  maxPostingScan: 64,
  maxGapDays: 14,
  windowDays: 30,
  eventGapDays: 1,
  eventMinCosine: 0.2,
  maxEventScan: 8,
  normPower: 0.5,
  sizePrior: 0,
  settlePasses: 3,
  settlePower: 0.5,
  maxPending: 50_000,
};

export interface OnlineEvent {
  eventId: string;
  firstDay: number | null;
  lastDay: number | null;
  title: string;
  documents: string[];
  /** Hashed term id → summed weight (the heaviest terms of its first documents). */
  centroid: Map<number, number>;
  normSq: number;
  groups: Set<string>;
}

export interface OnlineStory {
  storyId: string;
  /** Arrival number of the story: older stories win ties. */
  index: number;
  documents: string[];
  /** Copy groups seen (each counts once as a source); documents without a group count alone. */
  sources: number;
  groups: Set<string>;
  /** Hashed term id → summed weight of its documents' vectors. */
  centroid: Map<number, number>;
  normSq: number;
  entities: Map<string, number>;
  firstDay: number | null;
  lastDay: number | null;
  title: string;
  summary: string;
  /** Cosine of the title's document with the centroid when it was chosen. */
  titleScore: number;
  /** Id of the document the title comes from. */
  titleDocument: string;
  events: OnlineEvent[];
  /** False once evicted or merged away. */
  live: boolean;
  /** The story this one was merged into (or emptied into by a settle). */
  mergedInto: OnlineStory | null;
  /** Scratch of the candidate search (serial of the last search that hit it, and its weight). */
  mark: number;
  hit: number;
  keyMark: number;
}

/** What `add` decided for one document (a later settle may move it: read the stories then). */
export interface Placement {
  storyId: string;
  eventId: string;
  /** Score against the story it joined (0 when it opened one). */
  score: number;
  /** Story ids merged into `storyId` by this arrival. */
  merged: string[];
}

/** A document vector: hashed term ids and L2-normalised weights, heaviest first. */
interface Vector {
  ids: Int32Array;
  weights: Float64Array;
}

/** A document placed since the last settle. */
interface PendingDoc {
  id: string;
  day: number | null;
  label: string | undefined;
  lead: StreamDoc['lead'];
  /** Log-scaled term frequencies of the kept terms (re-weighted by the IDF known at settle). */
  tf: Float64Array;
  vector: Vector;
  entities: readonly string[];
  event: OnlineEvent;
}

/** The documents of one copy group (or one document) placed since the last settle: they move together. */
interface PendingUnit {
  group: string;
  docs: PendingDoc[];
  story: OnlineStory;
  /** The group has members placed before this settle window: it stays where they are. */
  pinned: boolean;
  /** Stories the last settle pass compared it with. */
  considered: OnlineStory[];
  /** Score of its first document against the story it joined online (0 when it opened one). */
  score: number;
}

const TERM_BITS = 22;
export const TERM_MASK = (1 << TERM_BITS) - 1;
const ENTITY_BITS = 20;
const ENTITY_MASK = (1 << ENTITY_BITS) - 1;
/** Posting keys of entities live above the term ids. */
const ENTITY_KEY = 1 << TERM_BITS;

/** The hashed id a term is counted under. */
export function termId(term: string): number {
  return fmix32(hashString(term)) & TERM_MASK;
}

function entityId(entity: string): number {
  return fmix32(hashString(entity) ^ 0x2545f491) & ENTITY_MASK;
}

function idfOf(df: number, n: number): number {
  return Math.log((n + 1) / (df + 1)) + 1;
}

/** A copy of a string that shares no memory with the text it was cut from (V8 slices keep their parent). */
function detached(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

/** The live story a (possibly merged) story now lives in, or null once evicted. */
function liveOf(story: OnlineStory): OnlineStory | null {
  let s = story;
  while (!s.live) {
    if (!s.mergedInto) return null;
    s = s.mergedInto;
  }
  return s;
}

export class StoryIndex {
  readonly options: OnlineClusterOptions;
  private readonly stories = new Map<string, OnlineStory>();
  private readonly postings = new Map<number, OnlineStory[]>();
  /** Document frequency per hashed term id (fixed size: bounded memory on an endless stream). */
  private readonly df = new Uint32Array(1 << TERM_BITS);
  private readonly entityDf = new Uint32Array(1 << ENTITY_BITS);
  private readonly storyOfGroup = new Map<string, OnlineStory>();
  /** Merged story id → surviving id. */
  private readonly redirects = new Map<string, string>();
  private readonly pendingUnits = new Map<string, PendingUnit>();
  private pendingCount = 0;
  private docs = 0;
  private storyCount = 0;
  private searchSerial = 0;
  private keySerial = 0;
  private newestDay: number | null = null;
  private readonly onEvict: ((story: OnlineStory) => void) | null;

  constructor(options: Partial<OnlineClusterOptions> = {}, onEvict: ((story: OnlineStory) => void) | null = null) {
    this.options = { ...DEFAULT_ONLINE_OPTIONS, ...options };
    this.onEvict = onEvict;
  }

  /** Live stories (not evicted, not merged away), oldest first. */
  liveStories(): OnlineStory[] {
    return [...this.stories.values()].sort((x, y) => x.index - y.index);
  }

  get size(): number {
    return this.stories.size;
  }

  /** Documents placed since the last settle. */
  get pending(): number {
    return this.pendingCount;
  }

  /** The id a (possibly merged) story id now lives under. */
  resolve(storyId: string): string {
    let id = storyId;
    for (let next = this.redirects.get(id); next !== undefined; next = this.redirects.get(id)) id = next;
    return id;
  }

  /** Old id → surviving id, for every merge so far. */
  redirectTable(): Map<string, string> {
    return new Map([...this.redirects.keys()].map((id) => [id, this.resolve(id)]));
  }

  /** Count the document's terms, then its L2-normalised TF-IDF vector (heaviest `maxTerms`). */
  private weigh(doc: StreamDoc): { vector: Vector; tf: Float64Array } {
    const n = doc.termIds ? doc.termIds.size : doc.terms.size;
    const { ids, tfs, weights } = scratch(n);
    let i = 0;
    for (const [t, c] of doc.termIds ?? doc.terms) {
      const id = typeof t === 'number' ? t : termId(t);
      this.df[id] = (this.df[id] as number) + 1;
      ids[i] = id;
      tfs[i] = c < 1 ? c : 1 + Math.log(c);
      i++;
    }
    let norm = 0;
    for (let k = 0; k < n; k++) {
      const w = (tfs[k] as number) * idfOf(this.df[ids[k] as number] as number, this.docs);
      weights[k] = w;
      norm += w * w;
    }
    const order = heaviest(ids, weights, n, this.options.maxTerms);
    norm = Math.sqrt(norm) || 1;
    const m = order.length;
    const vector: Vector = { ids: new Int32Array(m), weights: new Float64Array(m) };
    const tf = new Float64Array(m);
    for (let k = 0; k < m; k++) {
      const j = order[k] as number;
      vector.ids[k] = ids[j] as number;
      vector.weights[k] = (weights[j] as number) / norm;
      tf[k] = tfs[j] as number;
    }
    return { vector, tf };
  }

  /** Place one document; see the file comment. */
  add(doc: StreamDoc): Placement {
    const o = this.options;
    if (doc.day !== null && (this.newestDay === null || doc.day > this.newestDay)) {
      // A new day: settle the last one before its stories can leave the window.
      this.settle();
      this.newestDay = doc.day;
      this.evict(doc.day - o.windowDays);
    } else if (this.pendingCount >= o.maxPending) this.settle();
    this.docs++;
    const { vector, tf } = this.weigh(doc);
    const entities = [...new Set(doc.entities ?? [])];
    for (const e of entities) {
      const id = entityId(e);
      this.entityDf[id] = (this.entityDf[id] as number) + 1;
    }
    const keys = this.keysOf(vector, entities);

    let target: OnlineStory | null = null;
    let best = 0;
    const merged: string[] = [];
    const grouped = doc.group !== undefined ? this.storyOfGroup.get(doc.group) : undefined;
    if (grouped !== undefined) target = liveOf(grouped);
    if (!target) {
      const scored: Array<[OnlineStory, number]> = [];
      for (const story of this.candidates(keys, doc.day)) {
        const s = this.score(vector, entities, story);
        if (s >= o.joinThreshold) scored.push([story, s]);
      }
      scored.sort((x, y) => y[1] - x[1] || x[0].index - y[0].index);
      const first = scored[0];
      if (first) {
        let chosen: OnlineStory = first[0];
        best = first[1];
        // Reaching two stories strongly: they are one story told in two halves.
        for (let i = 1; i < scored.length; i++) {
          const [other, s] = scored[i] as [OnlineStory, number];
          if (s < o.mergeThreshold || best < o.mergeThreshold) break;
          const keep: OnlineStory = other.index < chosen.index ? other : chosen;
          const drop: OnlineStory = keep === other ? chosen : other;
          this.merge(keep, drop);
          merged.push(drop.storyId);
          chosen = keep;
        }
        target = chosen;
      }
    }
    if (!target) target = this.open(doc);
    const group = doc.group ?? `doc:${doc.id}`;
    const event = this.join(target, doc.id, doc.day, doc.label, doc.lead, vector, entities, keys, group);
    if (doc.group !== undefined) this.storyOfGroup.set(doc.group, target);
    this.remember(group, target, grouped !== undefined, best, {
      id: doc.id,
      day: doc.day,
      label: doc.label,
      lead: doc.lead,
      tf,
      vector,
      entities,
      event,
    });
    return { storyId: target.storyId, eventId: event.eventId, score: best, merged };
  }

  private remember(group: string, story: OnlineStory, groupKnown: boolean, score: number, doc: PendingDoc): void {
    if (this.options.settlePasses <= 0) return;
    const unit = this.pendingUnits.get(group);
    if (unit) unit.docs.push(doc);
    else this.pendingUnits.set(group, { group, docs: [doc], story, pinned: groupKnown, considered: [], score });
    this.pendingCount++;
  }

  private keysOf(vector: Vector, entities: readonly string[]): Array<[number, number]> {
    const keys: Array<[number, number]> = [];
    const n = Math.min(this.options.indexTerms, vector.ids.length);
    for (let i = 0; i < n; i++) keys.push([vector.ids[i] as number, vector.weights[i] as number]);
    for (const e of entities) keys.push([ENTITY_KEY + entityId(e), 0.3]);
    return keys;
  }

  /** Stories posted under the keys (newest `maxPostingScan` per key), best summed key weight first. */
  private candidates(keys: Array<[number, number]>, day: number | null): OnlineStory[] {
    const o = this.options;
    const serial = ++this.searchSerial;
    const found: OnlineStory[] = [];
    for (let k = 0; k < keys.length; k++) {
      const [key, w] = keys[k] as [number, number];
      const list = this.postings.get(key);
      if (!list) continue;
      const keySerial = ++this.keySerial;
      for (let i = Math.max(0, list.length - o.maxPostingScan); i < list.length; i++) {
        const story = liveOf(list[i] as OnlineStory);
        if (!story || story.keyMark === keySerial) continue;
        story.keyMark = keySerial;
        if (story.mark === serial) story.hit += w;
        else {
          story.mark = serial;
          story.hit = w;
          found.push(story);
        }
      }
    }
    let out = found.filter((s) => this.withinGap(day, s));
    if (out.length > o.maxCandidates) {
      // Cut at the k-th best hit with a typed-array sort; only what passes is sorted with a comparator.
      const hits = scratch(out.length).sort.subarray(0, out.length);
      for (let i = 0; i < out.length; i++) hits[i] = (out[i] as OnlineStory).hit;
      hits.sort();
      const cut = hits[out.length - o.maxCandidates] as number;
      out = out.filter((s) => s.hit >= cut);
    }
    out.sort((x, y) => y.hit - x.hit || x.index - y.index);
    if (out.length > o.maxCandidates) out.length = o.maxCandidates;
    return out;
  }

  private withinGap(day: number | null, s: OnlineStory): boolean {
    if (day === null || s.firstDay === null || s.lastDay === null) return true;
    const gap = this.options.maxGapDays;
    return day >= s.firstDay - gap && day <= s.lastDay + gap;
  }

  /** Share of the entities' IDF weight that the story has (less `own`, the counts of the document itself). */
  private entityShare(entities: readonly string[], s: OnlineStory, own: ReadonlyMap<string, number> | null): number {
    let shared = 0;
    let total = 0;
    for (const e of entities) {
      const w = idfOf(this.entityDf[entityId(e)] as number, this.docs);
      total += w;
      if ((s.entities.get(e) ?? 0) - (own?.get(e) ?? 0) > 0) shared += w;
    }
    return total > 0 ? shared / total : 0;
  }

  private combine(
    cosine: number,
    entities: readonly string[],
    s: OnlineStory,
    own: Map<string, number> | null,
  ): number {
    const o = this.options;
    if (entities.length === 0 || o.entityWeight === 0) return cosine;
    if (cosine < o.minTermCosine) return 0;
    return (1 - o.entityWeight) * cosine + o.entityWeight * this.entityShare(entities, s, own);
  }

  private score(vector: Vector, entities: readonly string[], s: OnlineStory): number {
    const o = this.options;
    let dot = 0;
    const { ids, weights } = vector;
    for (let i = 0; i < ids.length; i++) dot += (weights[i] as number) * (s.centroid.get(ids[i] as number) ?? 0);
    const cosine =
      s.normSq > 0 ? Math.min(1, dot / s.normSq ** o.normPower) * (1 + o.sizePrior * Math.log(s.documents.length)) : 0;
    return this.combine(cosine, entities, s, null);
  }

  private open(doc: StreamDoc): OnlineStory {
    const story: OnlineStory = {
      storyId: `s_${doc.id.startsWith('a_') ? doc.id.slice(2) : doc.id}`,
      index: this.storyCount++,
      documents: [],
      sources: 0,
      groups: new Set(),
      centroid: new Map(),
      normSq: 0,
      entities: new Map(),
      firstDay: null,
      lastDay: null,
      title: '',
      summary: '',
      titleScore: -1,
      titleDocument: '',
      events: [],
      live: true,
      mergedInto: null,
      mark: 0,
      hit: 0,
      keyMark: 0,
    };
    this.stories.set(story.storyId, story);
    return story;
  }

  /** Add (or take out) a document vector; returns its dot product with the centroid before. */
  private addVector(story: OnlineStory, vector: Vector, sign: 1 | -1): number {
    let dot = 0;
    const { ids, weights } = vector;
    const centroid = story.centroid;
    let normSq = story.normSq;
    for (let i = 0; i < ids.length; i++) {
      const t = ids[i] as number;
      const w = weights[i] as number;
      const old = centroid.get(t) ?? 0;
      dot += w * old;
      const next = sign > 0 ? old + w : old - w;
      if (next > 1e-9) {
        centroid.set(t, next);
        normSq += next * next - old * old;
      } else {
        centroid.delete(t);
        normSq -= old * old;
      }
    }
    story.normSq = Math.max(0, normSq);
    if (centroid.size > this.options.maxCentroidTerms * 1.25) this.trimCentroid(story);
    return dot;
  }

  private join(
    story: OnlineStory,
    id: string,
    day: number | null,
    label: string | undefined,
    lead: StreamDoc['lead'],
    vector: Vector,
    entities: readonly string[],
    keys: Array<[number, number]> | null,
    group: string,
  ): OnlineEvent {
    story.documents.push(id);
    if (!story.groups.has(group)) {
      story.groups.add(group);
      story.sources++;
    }
    const dot = this.addVector(story, vector, 1);
    for (const e of entities) story.entities.set(e, (story.entities.get(e) ?? 0) + 1);
    if (day !== null) {
      story.firstDay = story.firstDay === null ? day : Math.min(story.firstDay, day);
      story.lastDay = story.lastDay === null ? day : Math.max(story.lastDay, day);
    }
    // Title and summary: the labelled document most central to the story when it arrived.
    const central = story.normSq > 0 ? dot / Math.sqrt(story.normSq) : 0;
    if (label && (central > story.titleScore || !story.title)) this.setTitle(story, id, label, lead, central);
    for (const [k] of keys ?? this.keysOf(vector, entities)) this.post(k, story);
    return this.joinEvent(story, id, day, label, vector, group);
  }

  private setTitle(story: OnlineStory, id: string, label: string, lead: StreamDoc['lead'], score: number): void {
    story.title = detached(label);
    const summary = typeof lead === 'function' ? lead() : lead;
    if (summary !== undefined) story.summary = detached(summary);
    story.titleScore = score;
    story.titleDocument = id;
  }

  /** Post `story` under `key`; a list keeps its newest entries only (only those are ever read). */
  private post(key: number, story: OnlineStory): void {
    const list = this.postings.get(key);
    if (!list) {
      this.postings.set(key, [story]);
      return;
    }
    if (list[list.length - 1] === story) return;
    list.push(story);
    const keep = this.options.maxPostingScan;
    if (list.length > 2 * keep) list.splice(0, list.length - keep);
  }

  /** Keep the heaviest `maxCentroidTerms` terms; the dropped weight stays in the norm. */
  private trimCentroid(story: OnlineStory): void {
    const kept = [...story.centroid].sort((x, y) => y[1] - x[1] || x[0] - y[0]);
    const dropped = normSqOf(story.centroid) - normSqOf(new Map(kept.slice(0, this.options.maxCentroidTerms)));
    story.centroid = new Map(kept.slice(0, this.options.maxCentroidTerms));
    story.normSq = normSqOf(story.centroid) + dropped;
  }

  private joinEvent(
    story: OnlineStory,
    id: string,
    day: number | null,
    label: string | undefined,
    vector: Vector,
    group: string,
  ): OnlineEvent {
    const o = this.options;
    let target: OnlineEvent | undefined;
    const from = Math.max(0, story.events.length - o.maxEventScan);
    for (let i = from; i < story.events.length && !target; i++) {
      const e = story.events[i] as OnlineEvent;
      if (e.groups.has(group)) target = e;
    }
    if (!target) {
      let best = o.eventMinCosine;
      for (let i = from; i < story.events.length; i++) {
        const e = story.events[i] as OnlineEvent;
        const sameTime =
          day === null || e.firstDay === null
            ? day === e.firstDay
            : day >= e.firstDay && day - e.firstDay <= o.eventGapDays;
        if (!sameTime || e.normSq <= 0) continue;
        let dot = 0;
        for (let k = 0; k < vector.ids.length; k++) {
          dot += (vector.weights[k] as number) * (e.centroid.get(vector.ids[k] as number) ?? 0);
        }
        const c = dot / Math.sqrt(e.normSq);
        if (c >= best) {
          best = c;
          target = e;
        }
      }
    }
    if (!target) {
      target = {
        eventId: `e_${id.startsWith('a_') ? id.slice(2) : id}`,
        firstDay: day,
        lastDay: day,
        title: label ? detached(label) : '',
        documents: [],
        centroid: new Map(),
        normSq: 0,
        groups: new Set(),
      };
      story.events.push(target);
    }
    target.documents.push(id);
    target.groups.add(group);
    if (!target.title && label) target.title = detached(label);
    if (day !== null) {
      target.firstDay = target.firstDay === null ? day : Math.min(target.firstDay, day);
      target.lastDay = target.lastDay === null ? day : Math.max(target.lastDay, day);
    }
    // Event centroids stay small: the heaviest terms of their first documents.
    if (target.centroid.size < 2 * o.maxTerms) {
      for (let k = 0; k < vector.ids.length; k++) {
        const t = vector.ids[k] as number;
        target.centroid.set(t, (target.centroid.get(t) ?? 0) + (vector.weights[k] as number));
      }
      target.normSq = normSqOf(target.centroid);
    }
    return target;
  }

  private merge(keep: OnlineStory, drop: OnlineStory): void {
    for (const id of drop.documents) keep.documents.push(id);
    for (const g of drop.groups) {
      if (!keep.groups.has(g)) {
        keep.groups.add(g);
        keep.sources++;
      }
    }
    for (const [t, w] of drop.centroid) keep.centroid.set(t, (keep.centroid.get(t) ?? 0) + w);
    if (keep.centroid.size > this.options.maxCentroidTerms * 1.25) this.trimCentroid(keep);
    else keep.normSq = normSqOf(keep.centroid);
    for (const [e, n] of drop.entities) keep.entities.set(e, (keep.entities.get(e) ?? 0) + n);
    for (const day of [drop.firstDay, drop.lastDay]) {
      if (day === null) continue;
      keep.firstDay = keep.firstDay === null ? day : Math.min(keep.firstDay, day);
      keep.lastDay = keep.lastDay === null ? day : Math.max(keep.lastDay, day);
    }
    keep.events.push(...drop.events);
    keep.events.sort((x, y) => (x.firstDay ?? Number.MAX_SAFE_INTEGER) - (y.firstDay ?? Number.MAX_SAFE_INTEGER));
    if (drop.titleScore > keep.titleScore) {
      keep.title = drop.title;
      keep.summary = drop.summary;
      keep.titleScore = drop.titleScore;
      keep.titleDocument = drop.titleDocument;
    }
    // Postings of `drop` now lead to `keep` (`liveOf`); nothing to re-post.
    this.retire(drop, keep);
  }

  /** Forget a story that was merged or emptied into `into`. */
  private retire(story: OnlineStory, into: OnlineStory): void {
    story.live = false;
    story.mergedInto = into;
    story.centroid = new Map();
    story.events = [];
    story.documents = [];
    this.stories.delete(story.storyId);
    this.redirects.set(story.storyId, into.storyId);
  }

  /**
   * Move the documents placed since the last settle to the stories that fit them best (see the
   * file comment). Called when the publication day advances and by callers at the end of a batch.
   */
  settle(): void {
    const o = this.options;
    if (this.pendingCount === 0) return;
    const units = [...this.pendingUnits.values()];
    this.pendingUnits.clear();
    this.pendingCount = 0;
    for (const unit of units) {
      const s = liveOf(unit.story);
      if (s) unit.story = s;
    }
    const movable = units.filter((u) => !u.pinned && u.story.live);
    if (movable.length === 0) return;
    // Re-weight with the IDF known now: the first documents of a stream were weighed with almost none.
    const touched = new Set<OnlineStory>();
    for (const unit of movable) {
      for (const doc of unit.docs) {
        const { ids } = doc.vector;
        const weights = new Float64Array(ids.length);
        let norm = 0;
        for (let i = 0; i < ids.length; i++) {
          const w = (doc.tf[i] as number) * idfOf(this.df[ids[i] as number] as number, this.docs);
          weights[i] = w;
          norm += w * w;
        }
        norm = Math.sqrt(norm) || 1;
        for (let i = 0; i < ids.length; i++) weights[i] = (weights[i] as number) / norm;
        subtractInto(unit.story.centroid, doc.vector);
        doc.vector = { ids, weights };
        for (let i = 0; i < ids.length; i++) {
          const t = ids[i] as number;
          unit.story.centroid.set(t, (unit.story.centroid.get(t) ?? 0) + (weights[i] as number));
        }
        touched.add(unit.story);
      }
    }
    for (const s of touched) s.normSq = normSqOf(s.centroid);

    // Later passes look again only at units next to a story that changed in the pass before.
    let changed: Set<OnlineStory> | null = null;
    for (let pass = 0; pass < o.settlePasses; pass++) {
      const moves: Array<[PendingUnit, OnlineStory]> = [];
      for (const unit of movable) {
        if (changed && !changed.has(unit.story) && !unit.considered.some((c) => changed?.has(c))) continue;
        // A unit that joined its story online at the merge threshold or above is sure enough.
        if (!changed && unit.score >= o.mergeThreshold) continue;
        const to = this.bestFor(unit);
        if (to) moves.push([unit, to]);
      }
      if (moves.length === 0) break;
      changed = this.apply(moves, movable);
    }
  }

  /** The story `unit` should move to, or null to stay. */
  private bestFor(unit: PendingUnit): OnlineStory | null {
    const o = this.options;
    const own = unit.story;
    const first = unit.docs[0] as PendingDoc;
    const { vector, entities } = first;
    let best: OnlineStory = own;
    let bestScore = -1;
    if (own.documents.length > unit.docs.length) {
      // The story without the unit's own contribution.
      let dot = 0;
      let sq = own.normSq;
      let ownEntities: Map<string, number> | null = null;
      if (unit.docs.length === 1) {
        for (let i = 0; i < vector.ids.length; i++) {
          const w = vector.weights[i] as number;
          const c = own.centroid.get(vector.ids[i] as number) ?? 0;
          const rest = c > w ? c - w : 0;
          sq += rest * rest - c * c;
          dot += w * rest;
        }
        if (entities.length > 0) ownEntities = new Map(entities.map((e) => [e, 1]));
      } else {
        const mine = new Map<number, number>();
        ownEntities = new Map();
        for (const doc of unit.docs) {
          for (let i = 0; i < doc.vector.ids.length; i++) {
            const t = doc.vector.ids[i] as number;
            mine.set(t, (mine.get(t) ?? 0) + (doc.vector.weights[i] as number));
          }
          for (const e of doc.entities) ownEntities.set(e, (ownEntities.get(e) ?? 0) + 1);
        }
        for (const [t, m] of mine) {
          const c = own.centroid.get(t) ?? 0;
          const rest = Math.max(0, c - m);
          sq += rest * rest - c * c;
        }
        for (let i = 0; i < vector.ids.length; i++) {
          const t = vector.ids[i] as number;
          dot += (vector.weights[i] as number) * Math.max(0, (own.centroid.get(t) ?? 0) - (mine.get(t) ?? 0));
        }
      }
      bestScore = this.combine(dot / Math.max(sq, 1e-12) ** o.settlePower, entities, own, ownEntities);
    }
    const candidates = this.candidates(this.keysOf(vector, entities), first.day);
    unit.considered = candidates;
    for (const story of candidates) {
      if (story === own) continue;
      let dot = 0;
      for (let i = 0; i < vector.ids.length; i++) {
        dot += (vector.weights[i] as number) * (story.centroid.get(vector.ids[i] as number) ?? 0);
      }
      const s = this.combine(dot / Math.max(story.normSq, 1e-12) ** o.settlePower, entities, story, null);
      if (s > bestScore || (s === bestScore && story.index < best.index)) {
        bestScore = s;
        best = story;
      }
    }
    return best !== own && bestScore >= o.joinThreshold ? best : null;
  }

  /** Apply the moves decided in one pass (all against the same centroids). */
  private apply(moves: Array<[PendingUnit, OnlineStory]>, movable: readonly PendingUnit[]): Set<OnlineStory> {
    const left = new Map<OnlineStory, Set<string>>();
    const lastTarget = new Map<OnlineStory, OnlineStory>();
    const received = new Set<OnlineStory>();
    for (const [unit, toStory] of moves) {
      const from = unit.story;
      const to = liveOf(toStory);
      if (!to || to === from) continue;
      let gone = left.get(from);
      if (!gone) {
        gone = new Set();
        left.set(from, gone);
      }
      const events = new Set<OnlineEvent>();
      for (const doc of unit.docs) {
        gone.add(doc.id);
        this.addVector(from, doc.vector, -1);
        for (const e of doc.entities) {
          const n = (from.entities.get(e) ?? 0) - 1;
          if (n > 0) from.entities.set(e, n);
          else from.entities.delete(e);
        }
        events.add(doc.event);
      }
      // The whole copy group moves (a group with earlier members is pinned), so its events lose it.
      for (const event of events) {
        event.documents = event.documents.filter((id) => !gone.has(id));
        event.groups.delete(unit.group);
        if (event.documents.length === 0) from.events = from.events.filter((e) => e !== event);
      }
      if (from.groups.delete(unit.group)) from.sources--;
      for (const doc of unit.docs) {
        doc.event = this.join(to, doc.id, doc.day, undefined, undefined, doc.vector, doc.entities, null, unit.group);
      }
      if (this.storyOfGroup.has(unit.group)) this.storyOfGroup.set(unit.group, to);
      unit.story = to;
      lastTarget.set(from, to);
      received.add(to);
    }
    for (const [story, gone] of left) {
      story.documents = story.documents.filter((id) => !gone.has(id));
      if (story.documents.length === 0) this.retire(story, lastTarget.get(story) as OnlineStory);
    }
    // Titles: a story that lost its title document, or received documents, takes the labelled
    // pending document most central to it now (a story that lost it starts over).
    const retitle = new Set<OnlineStory>();
    for (const s of received) if (s.live) retitle.add(s);
    for (const [s, gone] of left) {
      if (!s.live || !gone.has(s.titleDocument)) continue;
      s.titleScore = -1;
      retitle.add(s);
    }
    const changed = new Set<OnlineStory>([...left.keys(), ...received]);
    if (retitle.size === 0) return changed;
    for (const unit of movable) {
      const s = unit.story;
      if (!retitle.has(s)) continue;
      for (const doc of unit.docs) {
        if (!doc.label) continue;
        let dot = 0;
        for (let i = 0; i < doc.vector.ids.length; i++) {
          dot += (doc.vector.weights[i] as number) * (s.centroid.get(doc.vector.ids[i] as number) ?? 0);
        }
        const central = s.normSq > 0 ? dot / Math.sqrt(s.normSq) : 0;
        if (central > s.titleScore) this.setTitle(s, doc.id, doc.label, doc.lead, central);
      }
    }
    return changed;
  }

  /** Forget stories whose latest day is before `before`, and the postings that point at them. */
  private evict(before: number): void {
    let evicted = 0;
    for (const story of this.stories.values()) {
      if (story.lastDay === null || story.lastDay >= before) continue;
      this.stories.delete(story.storyId);
      story.live = false;
      this.onEvict?.(story);
      story.centroid = new Map();
      story.events = [];
      evicted++;
    }
    if (evicted === 0) return;
    for (const [k, list] of this.postings) {
      const live = list.filter((s) => liveOf(s) !== null);
      if (live.length === 0) this.postings.delete(k);
      else if (live.length !== list.length) this.postings.set(k, live);
    }
    // Redirects and group links of forgotten stories are forgotten too.
    for (const [g, s] of this.storyOfGroup) if (!liveOf(s)) this.storyOfGroup.delete(g);
    for (const [from, to] of this.redirects) if (!this.stories.has(this.resolve(to))) this.redirects.delete(from);
  }
}

function normSqOf(centroid: ReadonlyMap<number, number>): number {
  let sq = 0;
  for (const w of centroid.values()) sq += w * w;
  return sq;
}

function subtractInto(centroid: Map<number, number>, vector: Vector): void {
  for (let i = 0; i < vector.ids.length; i++) {
    const t = vector.ids[i] as number;
    const rest = (centroid.get(t) ?? 0) - (vector.weights[i] as number);
    if (rest > 1e-9) centroid.set(t, rest);
    else centroid.delete(t);
  }
}

/** Reused buffers of `weigh` (a document's terms; grown when a longer one comes). */
let scratchBuffers = {
  ids: new Int32Array(1024),
  tfs: new Float64Array(1024),
  weights: new Float64Array(1024),
  sort: new Float64Array(1024),
};

function scratch(n: number): typeof scratchBuffers {
  if (n > scratchBuffers.ids.length) {
    const size = 2 ** Math.ceil(Math.log2(n));
    scratchBuffers = {
      ids: new Int32Array(size),
      tfs: new Float64Array(size),
      weights: new Float64Array(size),
      sort: new Float64Array(size),
    };
  }
  return scratchBuffers;
}

/** Positions of the `max` heaviest of the first `n` weights, heaviest first (ties: smaller id first). */
function heaviest(ids: Int32Array, weights: Float64Array, n: number, max: number): number[] {
  const order: number[] = [];
  if (n > max) {
    // A typed-array sort of the weights finds the cut; only what passes it is sorted with a comparator.
    const sorted = scratch(n).sort.subarray(0, n);
    sorted.set(weights.subarray(0, n));
    sorted.sort();
    const cut = sorted[n - max] as number;
    for (let i = 0; i < n; i++) if ((weights[i] as number) >= cut) order.push(i);
  } else for (let i = 0; i < n; i++) order.push(i);
  order.sort((x, y) => (weights[y] as number) - (weights[x] as number) || (ids[x] as number) - (ids[y] as number));
  if (order.length > max) order.length = max;
  return order;
}
