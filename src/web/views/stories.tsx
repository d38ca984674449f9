import { api, type StorySummary } from '../api.ts';
import { plural, When } from '../components/bits.tsx';
import { CountChart } from '../components/chart.tsx';
import { Await } from '../components/status.tsx';
import { useFetch } from '../components/use-fetch.ts';
import { href } from '../router.ts';

const PAGE = 50;

export function StoriesView({ sort, page }: { sort: 'size' | 'recent'; page: number }) {
  const loaded = useFetch(`stories:${sort}:${page}`, () => api.stories(sort, PAGE, page * PAGE));
  return (
    <section aria-labelledby="stories-title">
      <div class="view-head">
        <h1 id="stories-title">Stories</h1>
        <nav class="toggle" aria-label="Sort stories">
          <a href={href.stories('recent')} aria-current={sort === 'recent' ? 'true' : undefined}>
            Newest first
          </a>
          <a href={href.stories('size')} aria-current={sort === 'size' ? 'true' : undefined}>
            Biggest first
          </a>
        </nav>
      </div>
      <Await loaded={loaded}>
        {(data) => (
          <>
            <p class="muted">
              {plural(data.total, 'story', 'stories')}
              {data.total > PAGE && `, showing ${data.offset + 1}–${data.offset + data.items.length}`}
            </p>
            {data.items.length === 0 ? (
              <p>No stories yet. Run `storyline analyze` on a folder of articles first.</p>
            ) : (
              <ol class="cards" data-nav-list>
                {data.items.map((s) => (
                  <StoryCard key={s.storyId} story={s} />
                ))}
              </ol>
            )}
            <nav class="pager" aria-label="Pages">
              {page > 0 && <a href={href.stories(sort, page - 1)}>← Previous</a>}
              {data.offset + data.items.length < data.total && <a href={href.stories(sort, page + 1)}>Next →</a>}
            </nav>
          </>
        )}
      </Await>
    </section>
  );
}

function StoryCard({ story }: { story: StorySummary }) {
  const sites = story.sites.slice(0, 6);
  return (
    <li class="card">
      <h2>
        <a href={href.story(story.storyId)} data-nav-item>
          {story.title}
        </a>
      </h2>
      <p class="facts">
        <span class="fact">
          <strong>{story.independentSources}</strong> independent{' '}
          {story.independentSources === 1 ? 'source' : 'sources'}
        </span>
        <span class="fact">
          <strong>{story.articleCount}</strong> {story.articleCount === 1 ? 'article' : 'articles'}
        </span>
        <span class="fact">
          <When date={story.firstPublished} />
          {story.lastPublished && story.lastPublished !== story.firstPublished && (
            <>
              {' – '}
              <When date={story.lastPublished} />
            </>
          )}
        </span>
      </p>
      <p class="sites">
        <span class="sr-only">Sites: </span>
        {sites.join(' · ')}
        {story.sites.length > sites.length && ` · +${story.sites.length - sites.length} more`}
      </p>
      <CountChart points={story.coverage} label="articles" size="spark" />
    </li>
  );
}
