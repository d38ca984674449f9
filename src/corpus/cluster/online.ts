/**
 * Online story clustering: each arriving document joins the best open story or opens a new one,
 * looking only at the stories that share one of its heavy terms or entities (inverted index), so
 * the cost of an arrival is proportional to its candidates, never to the number of stories.
 *
 * The core works on bare token lists (`terms` with weights), so it runs on full articles (see
 * `features.ts`) as well as on pre-stemmed headlines (bench:cluster).
 *
 * - Weights are TF-IDF with document frequencies counted so far (online IDF: a term's weight is
 *   what the stream has taught up to that document, no second pass).
 * - A story's centroid is the sum of its documents' L2-normalised vectors; the score of a
 *   document against a story is cosine(doc, centroid), plus an entity share when entities are
 *   given. A story is a candidate only if its publication days are within `maxGapDays`.
 * - A document scoring at least `mergeThreshold` against two stories merges them: the younger
 *   story's id redirects to the older one (`resolve`).
 * - Events: inside a story, documents published within `eventGapDays` of an event's first
 *   document whose words meet `eventMinCosine` with it (or copies of one of its documents) share
 *   the event; a bounded list of recent events is searched.
 * - Memory window: stories whose latest document is older than `windowDays` before the newest
 *   publication day seen are evicted (handed to `onEvict`, then forgotten); postings are cleaned
 *   when the day advances. Undated streams never evict by time.
 *
 * Determinism: the result depends on arrival order only. Callers sort a batch (publication day,
 * then id) before feeding it, so a batch's file order does not matter.
 */

/** One document as the online clusterer sees it. */
export interface StreamDoc {
  id: string;
  /** Day number (days since 1970-01-01) of publication, or null. */
  day: number | null;
  /** Term → raw weight (count, or weighted count: headline terms count double). */
  terms: ReadonlyMap<string, number>;
  /** Entity ids, if known. */
  entities?: readonly string[];
  /** Copy group key: documents of one copy group always share a story and an event. */
  group?: string;
  /** A label for the document (headline), used for story and event titles. */
  label?: string;
  /** First sentence of the body, for the story's extractive summary. */
  lead?: string;
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
}

export const DEFAULT_ONLINE_OPTIONS: OnlineClusterOptions = {
  joinThreshold: 0.2,
  mergeThreshold: 0.5,
  entityWeight: 0.4,
  minTermCosine: 0.08,
  indexTerms: 12,
  maxTerms: 40,
  maxCentroidTerms: 300,
  maxCandidates: 24,
  maxPostingScan: 64,
  maxGapDays: 14,
  windowDays: 30,
  eventGapDays: 1,
  eventMinCosine: 0.2,
  maxEventScan: 8,
  normPower: 0.5,
  sizePrior: 0,
};

export interface OnlineEvent {
  eventId: string;
  firstDay: number | null;
  lastDay: number | null;
  title: string;
  documents: string[];
  centroid: Map<string, number>;
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
  centroid: Map<string, number>;
  normSq: number;
  entities: Map<string, number>;
  firstDay: number | null;
  lastDay: number | null;
  title: string;
  summary: string;
  /** Cosine of the title's document with the centroid when it was chosen. */
  titleScore: number;
  events: OnlineEvent[];
  /** Index keys under which the story is posted. */
  keys: Set<string>;
}

/** What `add` decided for one document. */
export interface Placement {
  storyId: string;
  eventId: string;
  /** Score against the story it joined (0 when it opened one). */
  score: number;
  /** Story ids merged into `storyId` by this arrival. */
  merged: string[];
}

function idfOf(df: number, n: number): number {
  return Math.log((n + 1) / (df + 1)) + 1;
}

export class StoryIndex {
  readonly options: OnlineClusterOptions;
  private readonly stories = new Map<string, OnlineStory>();
  private readonly postings = new Map<string, string[]>();
  private readonly df = new Map<string, number>();
  private readonly entityDf = new Map<string, number>();
  private readonly storyOfGroup = new Map<string, string>();
  /** Merged story id → surviving id. */
  private readonly redirects = new Map<string, string>();
  private docs = 0;
  private storyCount = 0;
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

  /** L2-normalised TF-IDF vector (heaviest `maxTerms`), with IDF counted so far. */
  vectorOf(terms: ReadonlyMap<string, number>): Array<[string, number]> {
    const v: Array<[string, number]> = [];
    let norm = 0;
    for (const [t, c] of terms) {
      const w = (c < 1 ? c : 1 + Math.log(c)) * idfOf(this.df.get(t) ?? 0, this.docs);
      norm += w * w;
      v.push([t, w]);
    }
    v.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
    if (v.length > this.options.maxTerms) v.length = this.options.maxTerms;
    norm = Math.sqrt(norm) || 1;
    for (const e of v) e[1] /= norm;
    return v;
  }

  /** Place one document; see the file comment. */
  add(doc: StreamDoc): Placement {
    const o = this.options;
    this.docs++;
    for (const t of doc.terms.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    const entities = [...new Set(doc.entities ?? [])];
    for (const e of entities) this.entityDf.set(e, (this.entityDf.get(e) ?? 0) + 1);
    if (doc.day !== null && (this.newestDay === null || doc.day > this.newestDay)) {
      this.newestDay = doc.day;
      this.evict(doc.day - o.windowDays);
    }
    const vector = this.vectorOf(doc.terms);
    const keys = this.keysOf(vector, entities);

    let target: OnlineStory | undefined;
    let best = 0;
    const merged: string[] = [];
    const grouped = doc.group !== undefined ? this.storyOfGroup.get(doc.group) : undefined;
    if (grouped !== undefined) target = this.stories.get(this.resolve(grouped));
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
        for (const [other, s] of scored.slice(1)) {
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
    const eventId = this.join(target, doc, vector, entities, keys);
    if (doc.group !== undefined) this.storyOfGroup.set(doc.group, target.storyId);
    return { storyId: target.storyId, eventId, score: best, merged };
  }

  private keysOf(vector: Array<[string, number]>, entities: readonly string[]): Array<[string, number]> {
    const keys: Array<[string, number]> = [];
    for (let i = 0; i < Math.min(this.options.indexTerms, vector.length); i++) {
      const [t, w] = vector[i] as [string, number];
      keys.push([`t:${t}`, w]);
    }
    for (const e of entities) keys.push([`e:${e}`, 0.3]);
    return keys;
  }

  private candidates(keys: Array<[string, number]>, day: number | null): OnlineStory[] {
    const o = this.options;
    const hits = new Map<string, number>();
    for (const [k, w] of keys) {
      const list = this.postings.get(k);
      if (!list) continue;
      for (let i = Math.max(0, list.length - o.maxPostingScan); i < list.length; i++) {
        const id = list[i] as string;
        hits.set(id, (hits.get(id) ?? 0) + w);
      }
    }
    const out: Array<[OnlineStory, number]> = [];
    for (const [id, w] of hits) {
      const story = this.stories.get(id);
      if (!story || !this.withinGap(day, story)) continue;
      out.push([story, w]);
    }
    out.sort((x, y) => y[1] - x[1] || x[0].index - y[0].index);
    return out.slice(0, o.maxCandidates).map(([s]) => s);
  }

  private withinGap(day: number | null, s: OnlineStory): boolean {
    if (day === null || s.firstDay === null || s.lastDay === null) return true;
    const gap = this.options.maxGapDays;
    return day >= s.firstDay - gap && day <= s.lastDay + gap;
  }

  private score(vector: Array<[string, number]>, entities: readonly string[], s: OnlineStory): number {
    const o = this.options;
    let dot = 0;
    for (const [t, w] of vector) dot += w * (s.centroid.get(t) ?? 0);
    const cosine =
      s.normSq > 0 ? Math.min(1, dot / s.normSq ** o.normPower) * (1 + o.sizePrior * Math.log(s.documents.length)) : 0;
    if (entities.length === 0 || o.entityWeight === 0) return cosine;
    if (cosine < o.minTermCosine) return 0;
    let shared = 0;
    let total = 0;
    for (const e of entities) {
      const w = idfOf(this.entityDf.get(e) ?? 0, this.docs);
      total += w;
      if (s.entities.has(e)) shared += w;
    }
    return (1 - o.entityWeight) * cosine + o.entityWeight * (total > 0 ? shared / total : 0);
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
      events: [],
      keys: new Set(),
    };
    this.stories.set(story.storyId, story);
    return story;
  }

  private join(
    story: OnlineStory,
    doc: StreamDoc,
    vector: Array<[string, number]>,
    entities: readonly string[],
    keys: Array<[string, number]>,
  ): string {
    story.documents.push(doc.id);
    const group = doc.group ?? `doc:${doc.id}`;
    if (!story.groups.has(group)) {
      story.groups.add(group);
      story.sources++;
    }
    let dot = 0;
    for (const [t, w] of vector) {
      const old = story.centroid.get(t) ?? 0;
      dot += w * old;
      story.centroid.set(t, old + w);
      story.normSq += (old + w) ** 2 - old * old;
    }
    if (story.centroid.size > this.options.maxCentroidTerms * 2) this.trimCentroid(story);
    for (const e of entities) story.entities.set(e, (story.entities.get(e) ?? 0) + 1);
    if (doc.day !== null) {
      story.firstDay = story.firstDay === null ? doc.day : Math.min(story.firstDay, doc.day);
      story.lastDay = story.lastDay === null ? doc.day : Math.max(story.lastDay, doc.day);
    }
    // Title and summary: the labelled document most central to the story when it arrived.
    const central = story.normSq > 0 ? dot / Math.sqrt(story.normSq) : 0;
    if (doc.label && (central > story.titleScore || !story.title)) {
      story.title = doc.label;
      story.summary = doc.lead ?? story.summary;
      story.titleScore = central;
    }
    for (const [k] of keys) {
      if (story.keys.has(k)) continue;
      story.keys.add(k);
      const list = this.postings.get(k);
      if (list) list.push(story.storyId);
      else this.postings.set(k, [story.storyId]);
    }
    return this.joinEvent(story, doc, vector, group);
  }

  /** Keep the heaviest `maxCentroidTerms` terms; the dropped weight stays in the norm. */
  private trimCentroid(story: OnlineStory): void {
    const kept = [...story.centroid].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
    story.centroid = new Map(kept.slice(0, this.options.maxCentroidTerms));
  }

  private joinEvent(story: OnlineStory, doc: StreamDoc, vector: Array<[string, number]>, group: string): string {
    const o = this.options;
    let target: OnlineEvent | undefined;
    const recent = story.events.slice(-o.maxEventScan);
    target = recent.find((e) => e.groups.has(group));
    if (!target) {
      let best = o.eventMinCosine;
      for (const e of recent) {
        const sameTime =
          doc.day === null || e.firstDay === null
            ? doc.day === e.firstDay
            : doc.day >= e.firstDay && doc.day - e.firstDay <= o.eventGapDays;
        if (!sameTime) continue;
        let dot = 0;
        let normSq = 0;
        for (const w of e.centroid.values()) normSq += w * w;
        for (const [t, w] of vector) dot += w * (e.centroid.get(t) ?? 0);
        const c = normSq > 0 ? dot / Math.sqrt(normSq) : 0;
        if (c >= best) {
          best = c;
          target = e;
        }
      }
    }
    if (!target) {
      target = {
        eventId: `e_${doc.id.startsWith('a_') ? doc.id.slice(2) : doc.id}`,
        firstDay: doc.day,
        lastDay: doc.day,
        title: doc.label ?? '',
        documents: [],
        centroid: new Map(),
        groups: new Set(),
      };
      story.events.push(target);
    }
    target.documents.push(doc.id);
    target.groups.add(group);
    if (!target.title && doc.label) target.title = doc.label;
    if (doc.day !== null) {
      target.firstDay = target.firstDay === null ? doc.day : Math.min(target.firstDay, doc.day);
      target.lastDay = target.lastDay === null ? doc.day : Math.max(target.lastDay, doc.day);
    }
    // Event centroids stay small: the heaviest terms of their first documents.
    if (target.centroid.size < 2 * o.maxTerms) {
      for (const [t, w] of vector) target.centroid.set(t, (target.centroid.get(t) ?? 0) + w);
    }
    return target.eventId;
  }

  private merge(keep: OnlineStory, drop: OnlineStory): void {
    for (const id of drop.documents) keep.documents.push(id);
    for (const g of drop.groups) {
      if (!keep.groups.has(g)) {
        keep.groups.add(g);
        keep.sources++;
      }
    }
    for (const [t, w] of drop.centroid) {
      const old = keep.centroid.get(t) ?? 0;
      keep.centroid.set(t, old + w);
      keep.normSq += (old + w) ** 2 - old * old;
    }
    if (keep.centroid.size > this.options.maxCentroidTerms * 2) this.trimCentroid(keep);
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
    }
    for (const k of drop.keys) {
      if (keep.keys.has(k)) continue;
      keep.keys.add(k);
      const list = this.postings.get(k);
      if (list) list.push(keep.storyId);
      else this.postings.set(k, [keep.storyId]);
    }
    this.stories.delete(drop.storyId);
    this.redirects.set(drop.storyId, keep.storyId);
  }

  /** Forget stories whose latest day is before `before`, and the postings that point at them. */
  private evict(before: number): void {
    let evicted = 0;
    for (const story of this.stories.values()) {
      if (story.lastDay === null || story.lastDay >= before) continue;
      this.stories.delete(story.storyId);
      this.onEvict?.(story);
      evicted++;
    }
    if (evicted === 0) return;
    for (const [k, list] of this.postings) {
      const live = list.filter((id) => this.stories.has(id));
      if (live.length === 0) this.postings.delete(k);
      else if (live.length !== list.length) this.postings.set(k, live);
    }
    // Redirects and group links of forgotten stories are forgotten too.
    for (const [g, id] of this.storyOfGroup) if (!this.stories.has(this.resolve(id))) this.storyOfGroup.delete(g);
    for (const [from, to] of this.redirects) if (!this.stories.has(this.resolve(to))) this.redirects.delete(from);
  }
}
