import type { Span } from './span.js';

/**
 * A problem with one document, kept as a value (after vfile's `VFileMessage`) so the CLI,
 * the store and the tests can list, count and print it.
 */
export interface Diagnostic {
  /** `fatal`: the document is unusable and is not stored. */
  severity: 'fatal' | 'warning' | 'info';
  stage: string;
  /** `stage/kebab-rule`, the same id used in provenance and logs. */
  rule: string;
  /** Human sentence, identifiers in backticks. */
  reason: string;
  span?: Span;
  cause?: unknown;
}

/** `origin: reason [rule]`, one line, for terminals and logs. */
export function formatDiagnostic(origin: string, d: Diagnostic): string {
  const where = d.span ? `:${d.span.start}-${d.span.end}` : '';
  return `${origin}${where}: ${d.reason} [${d.rule}]`;
}
