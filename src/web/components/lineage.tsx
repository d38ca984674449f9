/**
 * Which source copied which: one row block per copy group, the original on the left and its
 * copies on the right, arrows original → copy. Nodes link to the articles. A list under the
 * graph says the same in words (the graph is hidden from screen readers to avoid saying it twice).
 */
import type { ArticleSummary, LineageGroup } from '../api.ts';
import { href } from '../router.ts';

const ROW = 36;
const BOX_W = 210;
const BOX_H = 26;
const LEFT_X = 4;
const RIGHT_X = 380;
const WIDTH = RIGHT_X + BOX_W + 4;

/** Nodes are clickable for the mouse; keyboard and screen-reader users get the same links in the list. */
const go = (id: string) => {
  window.location.hash = href.article(id);
};

const clip = (s: string, n = 28) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function Lineage({ groups, articles }: { groups: LineageGroup[]; articles: ArticleSummary[] }) {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const name = (id: string) => byId.get(id)?.site ?? id;
  // A group of one is an article nobody copied: it is listed as independent, not drawn.
  const copied = groups.filter((g) => g.articles.length > 1);
  const grouped = new Set(copied.flatMap((g) => g.articles));
  const independent = articles.filter((a) => !grouped.has(a.id));
  if (copied.length === 0) {
    return <p>No copies found: every article in this story reads as independently written.</p>;
  }

  let y = 18;
  const blocks = copied.map((g) => {
    const copies = g.articles.filter((id) => id !== g.original);
    const rows = Math.max(1, copies.length);
    const top = y;
    y += rows * ROW + 22;
    const originY = top + ((rows - 1) * ROW) / 2;
    return { g, copies, top, originY };
  });
  const height = y - 12;

  return (
    <div class="lineage">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        style={{ maxWidth: `${WIDTH}px` }}
        aria-hidden="true"
        focusable="false"
      >
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto">
            <path d="M0,0 L10,5 L0,10 z" fill="#555" />
          </marker>
        </defs>
        {blocks.map(({ g, copies, top, originY }) => (
          <g key={g.groupId}>
            {/* biome-ignore lint/a11y/noStaticElementInteractions: a mouse shortcut; the list under the graph has the same links for keyboards and screen readers */}
            <g class="node-link" onClick={() => go(g.original)}>
              <rect x={LEFT_X} y={originY} width={BOX_W} height={BOX_H} rx="4" class="node original" />
              <text x={LEFT_X + 8} y={originY + 17} class="node-label">
                {clip(name(g.original))}
              </text>
            </g>
            {copies.map((id, i) => {
              const cy = top + i * ROW;
              return (
                <g key={id}>
                  <path
                    d={`M${LEFT_X + BOX_W},${originY + BOX_H / 2} C${LEFT_X + BOX_W + 80},${originY + BOX_H / 2} ${RIGHT_X - 80},${cy + BOX_H / 2} ${RIGHT_X - 2},${cy + BOX_H / 2}`}
                    class="edge"
                    marker-end="url(#arrow)"
                  />
                  {/* biome-ignore lint/a11y/noStaticElementInteractions: a mouse shortcut; the list under the graph has the same links for keyboards and screen readers */}
                  <g class="node-link" onClick={() => go(id)}>
                    <rect x={RIGHT_X} y={cy} width={BOX_W} height={BOX_H} rx="4" class="node copy" />
                    <text x={RIGHT_X + 8} y={cy + 17} class="node-label">
                      {clip(name(id))}
                    </text>
                  </g>
                </g>
              );
            })}
            {g.wire.length > 0 && (
              <text x={LEFT_X} y={originY - 3} class="wire-label">
                wire: {g.wire.join(', ')}
              </text>
            )}
          </g>
        ))}
      </svg>
      <ul class="lineage-list">
        {blocks.map(({ g, copies }) => (
          <li key={g.groupId}>
            <a href={href.article(g.original)}>{name(g.original)}</a> (original
            {g.wire.length > 0 ? `, wire: ${g.wire.join(', ')}` : ''}) copied by{' '}
            {copies.map((id, i) => (
              <span key={id}>
                {i > 0 && ', '}
                <a href={href.article(id)}>{name(id)}</a>
              </span>
            ))}
          </li>
        ))}
        {independent.length > 0 && (
          <li>
            Independent:{' '}
            {independent.map((a, i) => (
              <span key={a.id}>
                {i > 0 && ', '}
                <a href={href.article(a.id)}>
                  {a.site ?? a.id}
                  {a.published ? ` (${a.published})` : ''}
                </a>
              </span>
            ))}
          </li>
        )}
      </ul>
    </div>
  );
}
