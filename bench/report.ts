/**
 * What every benchmark shares: reading `--name value` flags, finding the checkout root, printing
 * a table and writing this run's section of docs/benchmarks.md between its markers.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../src/api/root.js';

export const ROOT = packageRoot();

/** The value after `--name` on the command line, or `fallback`. */
export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
}

/** A Markdown table (also readable as plain text in a terminal). */
export function markdownTable(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

/** Peak resident set size of this process so far, in MB. */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/**
 * Replace the section `<!-- bench:NAME -->`…`<!-- /bench:NAME -->` of docs/benchmarks.md with
 * this run's figures, or append it under `heading` the first time.
 */
export function writeBenchSection(name: string, heading: string, command: string, body: string): void {
  const file = path.join(ROOT, 'docs/benchmarks.md');
  const begin = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const section = [
    begin,
    `Command: \`${command}\` · ${new Date().toISOString().slice(0, 10)} · Node ${process.version} · ${process.platform}/${process.arch}`,
    '',
    body,
    end,
  ].join('\n');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const next = current.includes(begin)
    ? current.replace(new RegExp(`${begin}[\\s\\S]*?${end}`), () => section)
    : `${current.trimEnd()}\n\n## ${heading}\n\n${section}\n`;
  writeFileSync(file, next);
}
