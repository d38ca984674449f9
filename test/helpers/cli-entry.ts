/** `storyline` from source, for tests that need the CLI as a child process (run with `node --import tsx`). */
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv);
