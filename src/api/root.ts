import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package's root folder (holding `package.json`, `schema/`, `dist/web/`), found from this
 * module whether it runs from `src/` (tsx, vitest) or from `dist/src/` (built).
 */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('Cannot find the storyline package root (no package.json above the code)');
    dir = parent;
  }
  return dir;
}
