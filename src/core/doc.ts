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
  /** `extract/<reason>`: banner, related-links, caption, photo-credit, paywall, comment-form, share-prompt, repeated-title, navigation, category-label… */
  reason: string;
}

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
}

export interface TimeItem extends Extracted<'time'> {
  /** ISO date (YYYY-MM-DD), month (YYYY-MM) or year (YYYY); null when it cannot be resolved. */
  value: string | null;
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
