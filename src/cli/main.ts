/**
 * The `storyline` command line. Exit codes: 0 success, 1 some inputs failed (the rest stored)
 * or a runtime error, 2 usage errors.
 */
import { Command, CommanderError } from 'commander';
import { CODE_VERSION } from '../pipeline/version.js';
import { StoreError } from '../store/open.js';
import { registerAnalyze } from './commands/analyze.js';
import { registerEnqueue } from './commands/enqueue.js';
import { registerEntities } from './commands/entities.js';
import { registerExport } from './commands/export.js';
import { registerMigrate } from './commands/migrate.js';
import { registerServe } from './commands/serve.js';
import { registerShow } from './commands/show.js';
import { registerStories } from './commands/stories.js';
import { registerWatch } from './commands/watch.js';
import { registerWorker } from './commands/worker.js';
import { UsageError } from './io.js';

/** Run the CLI on `argv` (as `process.argv`); resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command('storyline')
    .description('Turn a pile of messy news articles into source-attributed stories.')
    .version(CODE_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  const setExit = (code: number) => {
    exitCode = Math.max(exitCode, code);
  };
  registerAnalyze(program, setExit);
  registerStories(program, setExit);
  registerEntities(program, setExit);
  registerShow(program, setExit);
  registerExport(program, setExit);
  registerServe(program, setExit);
  registerEnqueue(program, setExit);
  registerWorker(program, setExit);
  registerMigrate(program, setExit);
  registerWatch(program, setExit);
  for (const command of program.commands) command.exitOverride();
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version "fail" with exit code 0 by design.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`storyline: ${error.message}\n`);
      return 2;
    }
    if (error instanceof StoreError) {
      process.stderr.write(`storyline: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  return exitCode;
}
