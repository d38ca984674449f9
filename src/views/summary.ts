/**
 * The story summary printed by `analyze` and `stories`: per story its articles, independent
 * sources, top actors, key quotes, numeric claims and conflicts. Plain text, 100 columns.
 */
import type { Story } from '../core/corpus.js';
import { syndicationLineage } from '../corpus/dedupe/lineage.js';
import type { ExportArticle, ExportDocument } from './export.js';

export interface SummaryOptions {
  /** Most stories printed (default all). */
  limit?: number;
  /** Items per list (default 4). */
  top?: number;
}

const TYPE_LABELS: [string, string][] = [
  ['person', 'People'],
  ['organization', 'Organisations'],
  ['place', 'Places'],
  ['country', 'Countries'],
];

/** Text summary of every story in `doc`, biggest first. */
export function formatStories(doc: ExportDocument, options: SummaryOptions = {}): string {
  const top = options.top ?? 4;
  const byId = new Map(doc.articles.map((a) => [a.id, a]));
  const entityName = new Map(doc.entities.map((e) => [e.entityId, e.name]));
  const stories = [...doc.stories].sort(
    (a, b) => b.independentSources - a.independentSources || b.articles.length - a.articles.length,
  );
  const shown = stories.slice(0, options.limit ?? stories.length);
  const lines: string[] = [];
  shown.forEach((story, i) => {
    lines.push(...formatStory(story, i + 1, byId, entityName, doc, top), '');
  });
  if (shown.length < stories.length) lines.push(`… and ${stories.length - shown.length} more stories`);
  return lines.join('\n');
}

function formatStory(
  story: Story,
  n: number,
  byId: Map<string, ExportArticle>,
  entityName: Map<string, string>,
  doc: ExportDocument,
  top: number,
): string[] {
  const articles = story.articles.map((id) => byId.get(id)).filter((a): a is ExportArticle => a !== undefined);
  articles.sort(
    (a, b) => (a.published.date ?? '9999').localeCompare(b.published.date ?? '9999') || a.id.localeCompare(b.id),
  );
  const dates = articles.map((a) => a.published.date).filter((d): d is string => d !== null);
  const span = dates.length ? `${dates[0]} → ${dates.at(-1)}` : 'dates unknown';
  const out = [
    `[${n}] ${story.title}  (${story.storyId})`,
    `    ${plural(articles.length, 'article')}, ${plural(story.independentSources, 'independent source')} · ${span}`,
    ...(story.summary ? [`    ${clip(story.summary, 200)}`] : []),
  ];
  for (const a of articles) {
    const date =
      a.published.date ??
      (a.published.how === 'unknown'
        ? 'date unknown'
        : a.published.to
          ? `~${a.published.to}`
          : `≥${a.published.from ?? '?'}`);
    const wire = a.wire.length ? ` [${a.wire.join(', ')}]` : '';
    out.push(
      `      ${date.padEnd(12)} ${clip(a.site ?? '(unknown site)', 24).padEnd(24)} ${clip(a.title ?? '(untitled)', 56)}${wire}  ${a.id}`,
    );
  }
  out.push(...formatLineage(story, articles, doc), ...formatEvents(story), ...formatTimeline(story, byId, doc, top));
  const counts = new Map<string, { n: number; type: string }>();
  for (const a of articles) {
    const seen = new Set<string>();
    for (const e of a.entities) {
      if (seen.has(e.entityId)) continue;
      seen.add(e.entityId);
      const c = counts.get(e.entityId) ?? { n: 0, type: e.type };
      c.n++;
      counts.set(e.entityId, c);
    }
  }
  for (const [type, label] of TYPE_LABELS) {
    const ranked = [...counts]
      .filter(([, c]) => c.type === type)
      .sort((x, y) => y[1].n - x[1].n || x[0].localeCompare(y[0]));
    if (ranked.length === 0) continue;
    out.push(
      `    ${label}: ${ranked
        .slice(0, top)
        .map(([id, c]) => `${entityName.get(id) ?? id} (${c.n})`)
        .join(', ')}`,
    );
  }
  const conflicts = doc.conflicts.filter((c) => c.storyId === story.storyId);
  const inConflict = new Set(conflicts.flatMap((c) => c.items.map((i) => `${i.article}:${i.start}`)));

  // Key quotes: direct words before reported speech, named speakers first, one per speaker.
  const quotes = articles
    .flatMap((a) => a.quotes.filter((q) => q.speaker !== null && q.text.length >= 25).map((q) => ({ q, a })))
    .sort(
      (x, y) =>
        rank(y.q.prov.rule !== 'quotes/indirect', x.q.prov.rule !== 'quotes/indirect') ||
        rank(y.q.speaker?.entityId != null, x.q.speaker?.entityId != null) ||
        y.q.text.length - x.q.text.length,
    );
  const seenSpeakers = new Set<string>();
  const seenQuotes = new Set<string>();
  const keyQuotes = quotes.filter(({ q }) => {
    const key = q.text.toLowerCase().replace(/\W+/g, ' ').slice(0, 60);
    const speaker = q.speaker?.entityId ?? q.speaker?.name ?? '';
    if (seenQuotes.has(key) || seenSpeakers.has(speaker)) return false;
    seenQuotes.add(key);
    seenSpeakers.add(speaker);
    return true;
  });
  if (keyQuotes.length) {
    out.push('    Quotes:');
    for (const { q, a } of keyQuotes.slice(0, top)) {
      out.push(`      “${clip(q.text, 110)}” — ${q.speaker?.name} (${a.site ?? a.id})`);
    }
  }

  // Key claims: those in a conflict, then attributed ones; one per unit and value.
  const claims = articles
    .flatMap((a) => a.claims.map((c) => ({ c, a })))
    .sort(
      (x, y) =>
        rank(inConflict.has(`${y.a.id}:${y.c.start}`), inConflict.has(`${x.a.id}:${x.c.start}`)) ||
        rank(y.c.claimant !== null, x.c.claimant !== null),
    );
  const seenClaims = new Set<string>();
  const keyClaims = claims.filter(({ c }) => {
    const key = `${c.unit}:${c.value}`;
    if (seenClaims.has(key)) return false;
    seenClaims.add(key);
    return true;
  });
  if (keyClaims.length) {
    out.push('    Claims:');
    for (const { c, a } of keyClaims.slice(0, top + 2)) {
      const who = c.claimant ? `according to ${c.claimant.name}` : 'no claimant';
      out.push(
        `      ${clip(c.text, 50)} [${formatValue(c.value, c.valueMax)} ${c.unit}${c.hedged ? ', hedged' : ''}] — ${who} (${a.site ?? a.id})`,
      );
    }
  }
  if (conflicts.length) {
    out.push('    Conflicts:');
    // An updated figure is no error: `~` instead of `!`.
    for (const c of conflicts) out.push(`      ${c.evolution ? '~' : '!'} ${c.kind}: ${clip(c.summary, 150)}`);
  }
  return out;
}

/** Which outlet copied which version (the original first), with edits and the agency credited. */
function formatLineage(story: Story, articles: ExportArticle[], doc: ExportDocument): string[] {
  const ids = new Set(story.articles);
  const duplicates = doc.duplicates.filter((d) => ids.has(d.a) && ids.has(d.b));
  const lineage = syndicationLineage(articles, duplicates);
  if (lineage.length === 0) return [];
  const site = (id: string) => articles.find((a) => a.id === id)?.site ?? id;
  const out = ['    Copies (each group counts once as a source):'];
  for (const group of lineage) {
    const agency = group.agency.length ? ` credited to ${group.agency.join(', ')}` : '';
    out.push(`      original ${site(group.original)} ${group.original}${agency}`);
    for (const c of group.copies) {
      const e = c.edits;
      const edits = [e.added && `+${e.added}`, e.dropped && `-${e.dropped}`, e.changed && `~${e.changed}`].filter(
        Boolean,
      );
      out.push(
        `        ← ${site(c.article)} ${c.article} (${c.kind} ${c.similarity.toFixed(2)}${edits.length ? `, paragraphs ${edits.join(' ')}` : ''})`,
      );
    }
  }
  return out;
}

/** A story's events in date order. */
function formatEvents(story: Story): string[] {
  if (story.events.length < 2) return [];
  return [
    '    Events:',
    ...story.events.map(
      (e) => `      ${(e.date ?? 'undated').padEnd(12)} ${clip(e.title, 70)} (${plural(e.articles.length, 'article')})`,
    ),
  ];
}

/**
 * The story's timeline: dated statements, those reported by most sources first (merged entries
 * list every outlet), then shown in date order.
 */
function formatTimeline(story: Story, byId: Map<string, ExportArticle>, doc: ExportDocument, top: number): string[] {
  const entries = doc.timeline.filter((t) => t.storyId === story.storyId);
  if (entries.length === 0) return [];
  const shown = [...entries]
    .sort((a, b) => b.articles.length - a.articles.length)
    .slice(0, top + 2)
    .sort((a, b) => a.date.localeCompare(b.date));
  const sources = (ids: string[]) => [...new Set(ids.map((id) => byId.get(id)?.site ?? id))].join(', ');
  return [
    '    Timeline:',
    ...shown.map((t) => `      ${t.date.padEnd(12)} ${clip(t.text, 60)} — ${clip(sources(t.articles), 48)}`),
  ];
}

/** Comparator part: true before false. */
const rank = (a: boolean, b: boolean): number => Number(a) - Number(b);

export function formatValue(value: number, valueMax: number | null | undefined): string {
  const f = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 2 });
  return valueMax != null && valueMax !== value ? `${f(value)}–${f(valueMax)}` : f(value);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
