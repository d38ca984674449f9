/** A Markdown story brief of the whole store: one section per story, provenance linked by article id. */
import type { ExportDocument } from './export.js';
import { formatValue } from './summary.js';

const esc = (s: string) =>
  s
    .replace(/([\\`*_[\]|])/g, '\\$1')
    .replace(/\s+/g, ' ')
    .trim();

export function toMarkdown(doc: ExportDocument): string {
  const byId = new Map(doc.articles.map((a) => [a.id, a]));
  const out = ['# Storyline report', '', `${doc.articles.length} articles, ${doc.stories.length} stories.`, ''];
  for (const story of doc.stories) {
    out.push(
      `## ${esc(story.title)}`,
      '',
      `\`${story.storyId}\` · ${story.articles.length} articles · ${story.independentSources} independent sources`,
      '',
    );
    out.push('| Date | Site | Title | Wire | Id |', '|---|---|---|---|---|');
    for (const id of story.articles) {
      const a = byId.get(id);
      if (!a) continue;
      out.push(
        `| ${a.published.date ?? 'unknown'} | ${esc(a.site ?? '')} | ${esc(a.title ?? '')} | ${a.wire.join(', ')} | \`${a.id}\` |`,
      );
    }
    const articles = story.articles.map((id) => byId.get(id)).filter((a) => a !== undefined);
    const quotes = articles.flatMap((a) => a.quotes.filter((q) => q.speaker).map((q) => ({ q, a })));
    if (quotes.length) {
      out.push('', '### Quotes', '');
      for (const { q, a } of quotes.slice(0, 12))
        out.push(`- “${esc(q.text)}” — **${esc(q.speaker?.name ?? '')}** (\`${a.id}\` ${q.start}–${q.end})`);
    }
    const claims = articles.flatMap((a) => a.claims.map((c) => ({ c, a })));
    if (claims.length) {
      out.push('', '### Claims', '');
      for (const { c, a } of claims.slice(0, 20)) {
        out.push(
          `- ${formatValue(c.value, c.valueMax)} ${esc(c.unit)}${c.hedged ? ' (hedged)' : ''} — ${esc(c.claimant?.name ?? 'no claimant')} (\`${a.id}\` ${c.start}–${c.end})`,
        );
      }
    }
    const timeline = doc.timeline.filter((t) => t.storyId === story.storyId);
    if (timeline.length) {
      out.push('', '### Timeline', '');
      for (const t of timeline)
        out.push(`- **${t.date}** ${esc(t.text)} (${t.articles.map((id) => `\`${id}\``).join(', ')})`);
    }
    const conflicts = doc.conflicts.filter((c) => c.storyId === story.storyId);
    if (conflicts.length) {
      out.push('', '### Conflicts', '');
      for (const c of conflicts) out.push(`- **${c.kind}**: ${esc(c.summary)}`);
    }
    out.push('');
  }
  return out.join('\n');
}
