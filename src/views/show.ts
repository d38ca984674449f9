/**
 * `show`: one article with its entities, quotes, claims and times marked in the text, or one
 * story with its articles, events, timeline and conflicts.
 */
import type { Story } from '../core/corpus.js';
import type { ExportArticle, ExportDocument } from './export.js';
import { clip, formatValue } from './summary.js';

interface Mark {
  at: number;
  /** Closing marks sort before opening ones at the same offset. */
  order: number;
  /** The other end of the span: nesting at one offset puts the inner span inside. */
  other: number;
  text: string;
}

/** Article text with `[entity]{type}`, `«quote»`, `⟦claim⟧` and `⟨time⟩` marks, then item lists. */
export function formatArticle(a: ExportArticle): string {
  const marks: Mark[] = [];
  const wrap = (start: number, end: number, open: string, close: string) => {
    marks.push({ at: start, order: 1, other: end, text: open }, { at: end, order: 0, other: start, text: close });
  };
  for (const e of a.entities) wrap(e.start, e.end, '[', `]{${e.type}}`);
  for (const q of a.quotes) wrap(q.start, q.end, '«', '»');
  for (const c of a.claims) wrap(c.start, c.end, '⟦', '⟧');
  for (const t of a.times) wrap(t.start, t.end, '⟨', '⟩');
  // At one offset: closes before opens; the inner span (the later start) closes first and the
  // outer span (the later end) opens first, so marks nest.
  marks.sort((x, y) => x.at - y.at || x.order - y.order || y.other - x.other);
  let body = '';
  let last = 0;
  for (const m of marks) {
    body += a.text.slice(last, m.at) + m.text;
    last = m.at;
  }
  body += a.text.slice(last);

  const p = a.published;
  const published = p.date ?? (p.from || p.to ? `between ${p.from ?? '?'} and ${p.to ?? '?'}` : 'unknown');
  const lines = [
    `${a.title ?? '(untitled)'}`,
    `  id: ${a.id}   story: ${a.storyId ?? '-'}`,
    `  site: ${a.site ?? 'unknown'}   author: ${a.author ?? 'unknown'}   language: ${a.language ?? 'unknown'}`,
    `  published: ${published} (${p.how}${p.evidence ? `, ${p.evidence}` : ''})   wire: ${a.wire.join(', ') || 'none'}`,
    `  origin: ${a.origin}${a.url ? `   url: ${a.url}` : ''}`,
    `  status: ${a.status ?? 'ok'}${a.statusReason ? ` (${a.statusReason})` : ''}`,
    '',
    'Marks: [entity]{type} «quote» ⟦claim⟧ ⟨time⟩',
    '',
    body,
    '',
  ];
  if (a.quotes.length) {
    lines.push('Quotes:');
    for (const q of a.quotes) {
      lines.push(
        `  ${q.start}-${q.end} “${clip(q.text, 90)}” — ${q.speaker ? q.speaker.name : 'speaker unknown'}${q.cue ? ` (${q.cue})` : ''}`,
      );
    }
  }
  if (a.claims.length) {
    lines.push('Claims:');
    for (const c of a.claims) {
      lines.push(
        `  ${c.start}-${c.end} ${formatValue(c.value, c.valueMax)} ${c.unit}${c.approx ? ` (${c.approx})` : ''}${c.hedged ? ' hedged' : ''} — ${c.claimant ? c.claimant.name : 'no claimant'}${c.time ? ` @ ${c.time.value}` : ''}`,
      );
    }
  }
  if (a.times.length) {
    lines.push('Times:');
    for (const t of a.times) lines.push(`  ${t.start}-${t.end} “${t.text}” → ${t.value ?? 'unresolved'}`);
  }
  if (a.removed.length) {
    lines.push('Removed:');
    for (const r of a.removed) lines.push(`  [${r.reason}] ${clip(r.text, 90)}`);
  }
  return lines.join('\n');
}

/** A story: its articles, events, timeline and conflicts. */
export function formatStory(story: Story, doc: ExportDocument): string {
  const byId = new Map(doc.articles.map((a) => [a.id, a]));
  const lines = [
    story.title,
    `  id: ${story.storyId}   ${story.articles.length} articles, ${story.independentSources} independent sources`,
    '',
    'Articles:',
  ];
  for (const id of story.articles) {
    const a = byId.get(id);
    lines.push(`  ${id}  ${a?.published.date ?? 'date unknown'}  ${a?.site ?? '-'}  ${clip(a?.title ?? '', 70)}`);
  }
  if (story.events.length) {
    lines.push('', 'Events:');
    for (const e of story.events)
      lines.push(`  ${e.date ?? 'undated'}  ${clip(e.title, 80)}  (${e.articles.length} articles)`);
  }
  const timeline = doc.timeline.filter((t) => t.storyId === story.storyId);
  if (timeline.length) {
    lines.push('', 'Timeline:');
    for (const t of timeline) lines.push(`  ${t.date}  ${clip(t.text, 100)}  [${t.articles.length} source(s)]`);
  }
  const duplicates = doc.duplicates.filter((d) => story.articles.includes(d.a) || story.articles.includes(d.b));
  if (duplicates.length) {
    lines.push('', 'Copies:');
    for (const d of duplicates)
      lines.push(`  ${d.b} is a ${d.kind} copy of ${d.a} (similarity ${d.similarity.toFixed(2)})`);
  }
  const conflicts = doc.conflicts.filter((c) => c.storyId === story.storyId);
  if (conflicts.length) {
    lines.push('', 'Conflicts:');
    for (const c of conflicts) {
      lines.push(`  ! ${c.kind}: ${c.summary}`);
      for (const item of c.items)
        lines.push(
          `      ${item.article} ${item.field === 'title' ? 'title ' : ''}${item.start}-${item.end}: “${clip(item.text, 90)}”`,
        );
    }
  }
  return lines.join('\n');
}
