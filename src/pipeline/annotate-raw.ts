import type { Diagnostic } from '../core/diagnostic.js';
import type { NewsDoc, RawDoc } from '../core/doc.js';
import { createPipeline, type Pipeline } from '../core/pipeline.js';
import { type ExtractResult, extractArticle } from '../stages/extract/index.js';
import { ANNOTATE_STAGES } from './configuration.js';

/** An annotated document, or the fatal diagnostic that stopped it. */
export type AnnotateOutcome = { doc: NewsDoc } | { fatal: Diagnostic };

const unknownFailure: Diagnostic = {
  severity: 'fatal',
  stage: 'extract',
  rule: 'extract/no-article',
  reason: 'No article could be extracted',
};

/** Extract + annotate with the default stages, keeping per-step timings. */
export function createRawAnnotator(errorPolicy: 'throw' | 'record' = 'record') {
  const pipeline: Pipeline = createPipeline(ANNOTATE_STAGES, { errorPolicy });
  let extractMs = 0;
  return {
    annotate(raw: RawDoc): AnnotateOutcome {
      let extracted: ExtractResult;
      const t0 = performance.now();
      try {
        extracted = extractArticle(raw);
      } catch (error) {
        if (errorPolicy === 'throw') throw error;
        const reason = `Unexpected error in stage \`extract\`: ${(error as Error).message}`;
        return { fatal: { severity: 'fatal', stage: 'extract', rule: 'extract/crashed', reason, cause: error } };
      } finally {
        extractMs += performance.now() - t0;
      }
      if (!extracted.article) {
        return { fatal: extracted.diagnostics.find((d) => d.severity === 'fatal') ?? unknownFailure };
      }
      const doc = pipeline.annotate(extracted.article);
      doc.diagnostics.unshift(...extracted.diagnostics);
      const fatal = doc.diagnostics.find((d) => d.severity === 'fatal');
      return fatal ? { fatal } : { doc };
    },
    timings: (): Record<string, number> => ({ extract: extractMs, ...pipeline.timings() }),
  };
}
