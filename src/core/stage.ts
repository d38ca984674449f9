import type { Diagnostic } from './diagnostic.js';
import type { LayerName, Layers, NewsDoc } from './doc.js';
import type { Provenance } from './provenance.js';
import type { Span } from './span.js';

/** What a stage supplies of provenance; the runner stamps `stage` and `version`. */
export type StageProvenance = Omit<Provenance, 'stage' | 'version'>;

/** An item as a stage returns it: provenance without stage/version. */
export type Draft<T> = T extends { prov: Provenance } ? Omit<T, 'prov'> & { prov: StageProvenance } : T;

export type LayerItem<N extends LayerName> = NonNullable<Layers[N]>[number];

/** Handed to every stage run: adds diagnostics to the document being processed. */
export interface StageContext {
  warn(rule: string, reason: string, span?: Span): void;
  info(rule: string, reason: string, span?: Span): void;
  /** Record a fatal diagnostic and stop this stage for this document. */
  fail(rule: string, reason: string, span?: Span): never;
  /** Costs nothing unless debugging is on. */
  debug(message: () => string): void;
}

/**
 * One annotate stage: reads `doc` (its text and earlier layers), returns its own layer.
 * Close to a pure function; no I/O.
 */
export interface Stage<N extends LayerName> {
  name: N;
  /** Bump when the stage's output changes meaning. */
  version: number;
  /** Layers that must exist before this stage runs; checked when the pipeline is built. */
  requires: LayerName[];
  run(doc: NewsDoc, ctx: StageContext): Draft<LayerItem<N>>[];
}

/** Identity helper that keeps the stage's layer type precise. */
export function defineStage<N extends LayerName>(stage: Stage<N>): Stage<N> {
  return stage;
}

/** Thrown by `ctx.fail`; caught by the runner, never escapes it. */
export class StageFailure extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.reason);
    this.name = 'StageFailure';
  }
}
