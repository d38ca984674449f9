import type { Diagnostic } from './diagnostic.js';
import type { Provenance } from './provenance.js';
import type { Span } from './span.js';

/** What ingest hands to extract: bytes plus whatever the container said. Never interpreted here. */
export interface RawDoc {
  /** Path or URL the bytes came from. */
  origin: string;
  /** Decoded text (ingest decodes and validates UTF-8). */
  content: string;
  mediaType: 'text/plain' | 'text/html';
  /** SHA-256 of the raw bytes, hex: re-analysing the same bytes is a no-op. */
  contentHash: string;
  /** Metadata given by the container (feed fields, JSONL fields…); empty for plain files. */
  meta: RawMeta;
}

export interface RawMeta {
  url?: string;
  title?: string;
  site?: string;
  published?: string;
  language?: string;
  author?: string;
}

/** How the publication date is known. */
export type PublishedHow = 'metadata' | 'text' | 'duplicate' | 'unknown';

/**
 * Publication date: an exact `date`, or an honest range `from`..`to` with `date` null, or nothing
 * (`how: 'unknown'`). Never the crawl date or today.
 */
export interface Published {
  date: string | null;
  from: string | null;
  to: string | null;
  how: PublishedHow;
  /** Where it was read, e.g. `meta[article:published_time]`, `dateline`. */
  evidence?: string;
}

/** A piece of the source removed by extract, with why. */
export interface Removed {
  text: string;
  /** `extract/<reason>`: banner, related-links, caption, photo-credit, paywall, comment-form, share-prompt, repeated-title, navigation, category-label, glued-word… */
  reason: string;
  /** Offsets of the piece in the original document (for HTML: the decoded source string), when found. */
  start?: number;
  end?: number;
  /** For `extract/glued-word`: the repaired form that replaced `text` in the article. */
  fixed?: string;
}

/** What kind of text extract found: `ok`, or why the article is partial or not one. */
export type ArticleStatus = 'ok' | 'truncated' | 'too-short' | 'not-an-article' | 'blocked';

/**
 * Clean-text offsets → original-document offsets, as flat triples
 * `[cleanStart, originalStart, length, …]` sorted by `cleanStart`: inside a run both texts agree
 * character for character; characters outside every run (joined paragraphs) have no original.
 */
export interface OffsetMap {
  runs: number[];
}

/** Where a metadata field was read: `meta[og:title]`, `json-ld[author]`, `title`, `h1`, `byline`, `text`, `raw.meta`… */
export type FieldSources = Partial<Record<'title' | 'site' | 'author' | 'language' | 'url' | 'wire', string>>;

/** Clean article: the output of extract. */
export interface Article {
  /** Stable id derived from the content hash (`a_` + 12 hex). */
  id: string;
  origin: string;
  contentHash: string;
  site: string | null;
  title: string | null;
  published: Published;
  language: string | null;
  /** Wire agencies the article credits as its source (not photo credits): `AP`, `AFP`, `Reuters`… */
  wire: string[];
  author: string | null;
  /** Clean body text; every offset in the project points into it. */
  text: string;
  removed: Removed[];
  /** `ok` unless the text is cut by a paywall (`truncated`) or the page is not a readable article. */
  status?: ArticleStatus;
  /** Why the status is not `ok`. */
  statusReason?: string;
  /** The page's canonical address (`<link rel=canonical>`, `og:url`, the feed's link). */
  url?: string | null;
  /** Where each metadata field came from. */
  fieldSources?: FieldSources;
  /** Clean-text offsets back to the original document. */
  offsets?: OffsetMap;
}

export type EntityType = 'person' | 'organization' | 'place' | 'country' | 'other';

/** Fields every extracted item shares: where it is, what it says, who made it. */
export interface Extracted<K extends string> extends Span {
  kind: K;
  /** Exactly `article.text.slice(start, end)`. */
  text: string;
  prov: Provenance;
}

export interface Sentence extends Span {}

export interface Token extends Span {
  text: string;
}

export interface EntityMention extends Extracted<'entity'> {
  type: EntityType;
  /** Corpus-wide id of the entity this mention names: `person:lena-morrow`, `country:ALV`… */
  entityId: string;
  /** Canonical name of that entity (the fullest form seen in the article). */
  name: string;
}

/** Who a quote or claim is attributed to. `entityId` is null for unnamed sources ("a senior official"). */
export interface Attribution {
  entityId: string | null;
  name: string;
}

export interface QuoteItem extends Extracted<'quote'> {
  speaker: Attribution | null;
  /** The attribution verb or phrase, when found ("said", "according to"). */
  cue: string | null;
  /** Where the cue sits in the text, when found in this article (not carried over from a previous quote). */
  cueSpan?: Span | null;
  /** Where the speaker words sit (the name, the pronoun, the role or the unnamed-source phrase). */
  speakerSpan?: Span | null;
}

export interface ClaimItem extends Extracted<'claim'> {
  value: number;
  /** Upper bound for ranges ("between 300 and 400"). */
  valueMax?: number;
  /** What is counted: "soldiers", "people", "USD"… normalised to a lower-case noun. */
  unit: string;
  claimant: Attribution | null;
  /** "reportedly", "alleged", "is believed", "according to"… */
  hedged: boolean;
  /** "more than", "about", "at least"… as written, or null. */
  approx: string | null;
  /**
   * The time the figure refers to: the resolved time expression of its sentence nearest to it (from
   * the `times` layer, with where it sits), or null when its sentence has none. Never guessed from
   * the publication date.
   */
  time?: ClaimTime | null;
}

/** A claim's time: an ISO date, month or year and the offsets of the time expression that gives it. */
export interface ClaimTime extends Span {
  value: string;
}

export interface TimeItem extends Extracted<'time'> {
  /** ISO date (YYYY-MM-DD), month (YYYY-MM) or year (YYYY); null when it cannot be resolved. */
  value: string | null;
  /** The TimeML (TIMEX3) reading: also durations, sets, weeks, seasons, PRESENT_REF; X for what is unknown. */
  timeml?: Timex;
}

/** A TIMEX3 annotation (TimeML 1.2.1): `DATE 2013-W12`, `DURATION P3D`, `SET XXXX-WXX-1`, `DATE PRESENT_REF`. */
export interface Timex {
  type: 'DATE' | 'TIME' | 'DURATION' | 'SET';
  value: string;
  /** `START`, `END`, `MID`, `APPROX`, `MORE_THAN`, `LESS_THAN`, `EQUAL_OR_MORE`, `EQUAL_OR_LESS`. */
  mod?: string;
}

/** Layers produced by annotate stages, keyed by stage name. Append-only. */
export interface Layers {
  sentences?: Sentence[];
  tokens?: Token[];
  entities?: EntityMention[];
  quotes?: QuoteItem[];
  claims?: ClaimItem[];
  times?: TimeItem[];
}

export type LayerName = keyof Layers;

/** An article flowing through annotate: the article, its layers and what went wrong. */
export interface NewsDoc {
  article: Article;
  layers: Layers;
  diagnostics: Diagnostic[];
}
