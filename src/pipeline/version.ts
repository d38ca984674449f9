import { readFileSync } from 'node:fs';

/** The package version, recorded on every run so re-runs can be compared. */
export const CODE_VERSION: string = (() => {
  try {
    const url = new URL('../../../package.json', import.meta.url);
    const alt = new URL('../../package.json', import.meta.url);
    for (const candidate of [url, alt]) {
      try {
        return (JSON.parse(readFileSync(candidate, 'utf8')) as { version: string }).version;
      } catch {
        // try the next location: src/ (tsx) and dist/src/ (built) differ by one level
      }
    }
  } catch {
    // fall through
  }
  return '0.0.0';
})();
