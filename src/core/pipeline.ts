import type { Diagnostic } from './diagnostic.js';
import type { Article, LayerName, NewsDoc } from './doc.js';
import type { Span } from './span.js';
import { type Stage, type StageContext, StageFailure } from './stage.js';

export interface PipelineOptions {
  /** `throw` rethrows unexpected stage errors (tests); `record` turns them into fatal diagnostics (production). */
  errorPolicy?: 'throw' | 'record';
  debug?: boolean;
}

export interface Pipeline {
  stages: readonly Stage<LayerName>[];
  annotate(article: Article): NewsDoc;
  /** Milliseconds spent in each stage so far, summed over documents. */
  timings(): Record<string, number>;
}

/**
 * Build a pipeline from stages in order. Throws at once when a stage requires a layer that no
 * earlier stage provides, before any document runs (after spaCy's pipe analysis).
 */
// biome-ignore lint/suspicious/noExplicitAny: stages of different layer types live in one list
export function createPipeline(stages: readonly Stage<any>[], options: PipelineOptions = {}): Pipeline {
  const provided = new Set<string>();
  for (const stage of stages) {
    for (const need of stage.requires) {
      if (!provided.has(need)) {
        throw new Error(`Cannot run stage \`${stage.name}\` without \`${need}\`: add the stage providing it earlier`);
      }
    }
    provided.add(stage.name);
  }
  const policy = options.errorPolicy ?? 'record';
  const spent: Record<string, number> = Object.fromEntries(stages.map((s) => [s.name, 0]));

  return {
    stages,
    timings: () => ({ ...spent }),
    annotate(article) {
      const doc: NewsDoc = { article, layers: {}, diagnostics: [] };
      for (const stage of stages) {
        const ctx = contextFor(doc, stage.name, options.debug === true);
        const started = performance.now();
        try {
          const items = stage.run(doc, ctx);
          for (const item of items as Array<{ prov?: Record<string, unknown> }>) {
            if (item.prov) item.prov = { ...item.prov, stage: stage.name, version: stage.version };
          }
          (doc.layers as Record<string, unknown>)[stage.name] = items;
        } catch (error) {
          if (error instanceof StageFailure) break;
          if (policy === 'throw') throw error;
          doc.diagnostics.push({
            severity: 'fatal',
            stage: stage.name,
            rule: `${stage.name}/crashed`,
            reason: `Unexpected error in stage \`${stage.name}\`: ${error instanceof Error ? error.message : String(error)}`,
            cause: error,
          });
          break;
        } finally {
          spent[stage.name] = (spent[stage.name] ?? 0) + performance.now() - started;
        }
      }
      return doc;
    },
  };
}

function contextFor(doc: NewsDoc, stage: string, debug: boolean): StageContext {
  const add = (severity: Diagnostic['severity'], rule: string, reason: string, span?: Span): Diagnostic => {
    const d: Diagnostic = { severity, stage, rule, reason, ...(span ? { span } : {}) };
    doc.diagnostics.push(d);
    return d;
  };
  return {
    warn: (rule, reason, span) => void add('warning', rule, reason, span),
    info: (rule, reason, span) => void add('info', rule, reason, span),
    fail: (rule, reason, span) => {
      throw new StageFailure(add('fatal', rule, reason, span));
    },
    debug: (message) => {
      if (debug) process.stderr.write(`[${stage}] ${message()}\n`);
    },
  };
}

/** True when the document carries a fatal diagnostic. */
export function isFatal(doc: NewsDoc): boolean {
  return doc.diagnostics.some((d) => d.severity === 'fatal');
}
