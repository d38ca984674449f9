import { describe, expect, it } from 'vitest';
import { href, parseHash } from './router.ts';

describe('parseHash', () => {
  it.each([
    ['', { view: 'stories', sort: 'recent', page: 0 }],
    ['#/stories?sort=size&page=2', { view: 'stories', sort: 'size', page: 2 }],
    ['#/story/s_238276c60bb0', { view: 'story', id: 's_238276c60bb0' }],
    ['#/article/a_0d3585be0b82?start=18&end=37', { view: 'article', id: 'a_0d3585be0b82', start: 18, end: 37 }],
    ['#/article/a_0d3585be0b82?start=-1&end=x', { view: 'article', id: 'a_0d3585be0b82', start: null, end: null }],
    ['#/entity/person%3Agreta-holm', { view: 'entity', id: 'person:greta-holm' }],
    ['#/search?q=troops%20%26%20tanks', { view: 'search', q: 'troops & tanks' }],
    ['#/nowhere', { view: 'not-found', path: '/nowhere' }],
  ])('%s', (hash, route) => {
    expect(parseHash(hash)).toEqual(route);
  });

  it('reads back every link it builds', () => {
    expect(parseHash(href.entity('person:greta-holm'))).toEqual({ view: 'entity', id: 'person:greta-holm' });
    expect(parseHash(href.article('a_1', { start: 3, end: 9 }))).toEqual({
      view: 'article',
      id: 'a_1',
      start: 3,
      end: 9,
    });
    expect(parseHash(href.search('<b>"x"</b>'))).toEqual({ view: 'search', q: '<b>"x"</b>' });
    expect(parseHash(href.stories('size', 1))).toEqual({ view: 'stories', sort: 'size', page: 1 });
  });
});
