/**
 * The bundled example corpus (examples/corpus/), annotated by the default pipeline, for the
 * regression tests that check stages against its README.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { CorpusArticle } from '../../src/core/corpus.js';
import type { RawDoc } from '../../src/core/doc.js';
import { createRawAnnotator } from '../../src/pipeline/annotate-raw.js';

export const EXAMPLE_CORPUS_DIR = resolve(import.meta.dirname, '../../examples/corpus');

/** The example files (`.txt`, `.html`), sorted, as RawDocs. */
export function exampleRawDocs(): RawDoc[] {
  return exampleFiles().map((file) => {
    const bytes = readFileSync(join(EXAMPLE_CORPUS_DIR, file));
    return {
      origin: join(EXAMPLE_CORPUS_DIR, file),
      content: bytes.toString('utf8'),
      mediaType: file.endsWith('.html') ? 'text/html' : 'text/plain',
      contentHash: createHash('sha256').update(bytes).digest('hex'),
      meta: {},
    };
  });
}

/** Every example file, extracted and annotated (errors thrown), as the corpus stages see it. */
export function loadExampleCorpus(): CorpusArticle[] {
  const annotator = createRawAnnotator('throw');
  return exampleRawDocs().map((raw) => {
    const outcome = annotator.annotate(raw);
    if ('fatal' in outcome) throw new Error(`${raw.origin}: ${outcome.fatal.reason}`);
    const { article, layers } = outcome.doc;
    return {
      ...article,
      entities: layers.entities ?? [],
      quotes: layers.quotes ?? [],
      claims: layers.claims ?? [],
      times: layers.times ?? [],
    };
  });
}

/** The example file names (`border-01-….txt`…), sorted. */
export function exampleFiles(): string[] {
  return readdirSync(EXAMPLE_CORPUS_DIR)
    .filter((f) => /\.(txt|html)$/.test(f))
    .sort();
}

let annotated: CorpusArticle[] | undefined;

/** The annotated example article whose file name starts with `prefix` ("border-01"); cached. */
export function exampleArticle(prefix: string): CorpusArticle {
  annotated ??= loadExampleCorpus();
  const article = annotated.find((a) => basename(a.origin).startsWith(prefix));
  if (!article) throw new Error(`no example file starts with \`${prefix}\``);
  return article;
}
