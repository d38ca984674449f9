import { useState } from 'preact/hooks';
import { type ArticleDetail, api } from '../api.ts';
import { AnnotatedText, type Layer } from '../components/annotated-text.tsx';
import { plural, When } from '../components/bits.tsx';
import { Await } from '../components/status.tsx';
import { useFetch } from '../components/use-fetch.ts';
import { href } from '../router.ts';

export function ArticleView({ id, start, end }: { id: string; start: number | null; end: number | null }) {
  const loaded = useFetch(`article:${id}`, () => api.article(id));
  const focus = start !== null && end !== null ? { start, end } : null;
  return <Await loaded={loaded}>{(data) => <Article article={data} focus={focus} />}</Await>;
}

const LAYERS: { layer: Layer; label: string }[] = [
  { layer: 'entities', label: 'Entities' },
  { layer: 'quotes', label: 'Quotes' },
  { layer: 'claims', label: 'Claims' },
  { layer: 'times', label: 'Times' },
];

/** Publication dates not read from the page's metadata were inferred. */
const INFERRED: Record<string, string> = {
  text: 'inferred from the article text',
  duplicate: 'inferred from a copy of this article',
  unknown: 'unknown',
};

function Article({ article, focus }: { article: ArticleDetail; focus: { start: number; end: number } | null }) {
  const [layers, setLayers] = useState<ReadonlySet<Layer>>(() => new Set(LAYERS.map((l) => l.layer)));
  const [showRemoved, setShowRemoved] = useState(false);
  const toggle = (layer: Layer, on: boolean) => {
    const next = new Set(layers);
    if (on) next.add(layer);
    else next.delete(layer);
    setLayers(next);
  };
  const pub = article.published;
  const inferred = pub.how === 'text' || pub.how === 'duplicate';
  const counts: Record<Layer, number> = {
    entities: article.entities.length,
    quotes: article.quotes.length,
    claims: article.claims.length,
    times: article.times.length,
  };
  return (
    <article class="article" aria-labelledby="article-title">
      <header class="view-head">
        <p class="kicker">
          Article{article.site ? ` · ${article.site}` : ''}
          {article.storyId && (
            <>
              {' · '}
              <a href={href.story(article.storyId)}>back to the story</a>
            </>
          )}
        </p>
        <h1 id="article-title">{article.title ?? '(untitled)'}</h1>
      </header>
      <div class="article-layout">
        <div class="article-main">
          <fieldset class="layers">
            <legend>Highlight</legend>
            {LAYERS.map(({ layer, label }) => (
              <label key={layer} class={`layer-toggle layer-${layer}`}>
                <input
                  type="checkbox"
                  checked={layers.has(layer)}
                  onChange={(e) => toggle(layer, e.currentTarget.checked)}
                />{' '}
                <span class="swatch" aria-hidden="true" />
                {label} ({counts[layer]})
              </label>
            ))}
            <label class="layer-toggle">
              <input type="checkbox" checked={showRemoved} onChange={(e) => setShowRemoved(e.currentTarget.checked)} />{' '}
              Show removed boilerplate ({article.removed.length})
            </label>
          </fieldset>
          {showRemoved && article.removed.length > 0 && (
            <section class="removed" aria-labelledby="removed-h">
              <h2 id="removed-h" class="small-h">
                Removed while cleaning
              </h2>
              <ul class="plain">
                {article.removed.map((r, i) => (
                  <li key={i}>
                    <del>{r.text}</del> <span class="badge">{r.reason}</span>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <AnnotatedText article={article} layers={layers} focus={focus} />
        </div>
        <aside class="article-side" aria-label="About this article">
          <h2 class="small-h">Metadata</h2>
          <dl class="meta">
            <dt>Site</dt>
            <dd>{article.site ?? '—'}</dd>
            <dt>Author</dt>
            <dd>{article.author ?? '—'}</dd>
            <dt>Published</dt>
            <dd>
              <When date={pub.date} />
              {pub.from && pub.to && (
                <span>
                  {' '}
                  (between {pub.from} and {pub.to})
                </span>
              )}
              {inferred && (
                <span class="badge inferred" title={pub.evidence ?? undefined}>
                  inferred
                </span>
              )}
              <div class="muted small">
                {INFERRED[pub.how] ?? `from ${pub.how}`}
                {pub.evidence ? `: ${pub.evidence}` : ''}
              </div>
            </dd>
            <dt>Language</dt>
            <dd>{article.language ?? '—'}</dd>
            <dt>Wire</dt>
            <dd>{article.wire.length ? article.wire.join(', ') : '—'}</dd>
            <dt>Origin</dt>
            <dd class="origin">{article.origin}</dd>
            <dt>Id</dt>
            <dd>
              <code>{article.id}</code>
            </dd>
          </dl>
          <h2 class="small-h">Copies</h2>
          {article.copies.length === 0 ? (
            <p class="muted">No copies found.</p>
          ) : (
            <ul class="plain">
              {article.copies.map((d) => {
                const other = d.a === article.id ? d.b : d.a;
                return (
                  <li key={`${d.a}-${d.b}`}>
                    <a href={href.article(other)}>{other}</a>{' '}
                    <span class="muted">
                      {d.kind}, {Math.round(d.similarity * 100)}% similar
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
          <h2 class="small-h">Diagnostics</h2>
          {article.diagnostics.length === 0 ? (
            <p class="muted">None.</p>
          ) : (
            <ul class="plain diagnostics">
              {article.diagnostics.map((d, i) => (
                <li key={i}>
                  <span class={`badge sev-${d.severity}`}>{d.severity}</span> {d.reason} <code>[{d.rule}]</code>
                  {d.start !== null && d.end !== null && d.end > d.start && (
                    <>
                      {' '}
                      <a href={href.article(article.id, { start: d.start, end: d.end })}>show</a>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
          <p class="muted small">
            {plural(article.text.length, 'character')} of clean text; offsets are UTF-16 code units.
          </p>
        </aside>
      </div>
    </article>
  );
}
