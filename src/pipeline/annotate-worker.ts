/**
 * Worker-thread entry: extract + annotate RawDocs sent by `annotator.ts`.
 * Messages in: `{id, raw}` or `{timings: true}`; out: `{id, outcome}` or `{timings}`.
 */
import { parentPort } from 'node:worker_threads';
import type { RawDoc } from '../core/doc.js';
import { type AnnotateOutcome, createRawAnnotator } from './annotate-raw.js';

const annotator = createRawAnnotator('record');

/** Errors in `cause` become their message: only plain data crosses the thread boundary. */
function cloneable(outcome: AnnotateOutcome): AnnotateOutcome {
  const strip = <T extends { cause?: unknown }>(d: T): T =>
    d.cause === undefined ? d : { ...d, cause: d.cause instanceof Error ? d.cause.message : String(d.cause) };
  if ('fatal' in outcome) return { fatal: strip(outcome.fatal) };
  return { doc: { ...outcome.doc, diagnostics: outcome.doc.diagnostics.map(strip) } };
}

parentPort?.on('message', (message: { id: number; raw: RawDoc } | { timings: true }) => {
  if ('timings' in message) {
    parentPort?.postMessage({ timings: annotator.timings() });
    return;
  }
  parentPort?.postMessage({ id: message.id, outcome: cloneable(annotator.annotate(message.raw)) });
});
