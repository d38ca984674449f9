import { describe, expect, it } from 'vitest';
import type { RawDoc } from '../../core/doc.js';
import { extractArticle } from './index.js';

const doc = (content: string, mediaType: RawDoc['mediaType'] = 'text/plain'): RawDoc => ({
  origin: 'test',
  content,
  mediaType,
  contentHash: 'd'.repeat(64),
  meta: {},
});

const BODY =
  'The Lindgate city council voted on Monday to build a tram line from the central station to the university district, ending a decade of debate.';

describe('article status', () => {
  it('is ok for a plain article', () => {
    const r = extractArticle(doc(`Council approves tram line\n\n${BODY}\n\n${BODY}`));
    expect(r.status).toBe('ok');
    expect(r.article?.status).toBe('ok');
  });

  it('is truncated, with the paywall line as the reason, when a paywall cuts the text', () => {
    const r = extractArticle(
      doc(`Council approves tram line\n\n${BODY}\n\nYou have 64% of this article left to read.\n\nSubscribe now`),
    );
    expect(r.article?.status).toBe('truncated');
    expect(r.article?.statusReason).toMatch(/64% of this article/);
    expect(r.diagnostics.map((d) => d.rule)).toContain('extract/truncated');
  });

  it('is blocked on a bot-check page, and says so even though there is no article', () => {
    const r = extractArticle(
      doc(
        '<html><head><title>Just a moment...</title></head><body><h1>Checking your browser before accessing lindgatepost.example</h1><p>Please verify you are human.</p></body></html>',
        'text/html',
      ),
    );
    expect(r.article).toBeNull();
    expect(r.status).toBe('blocked');
    expect(r.statusReason).toMatch(/bot check/);
    expect(r.diagnostics[0]?.reason).toMatch(/status blocked/);
  });

  it('is blocked by a consent wall that stands where the text should be', () => {
    const wall =
      'We value your privacy. We and our partners use cookies to store and access information on your device. Click accept all cookies to continue to the site, or manage your privacy preferences.';
    const r = extractArticle(doc(`Council approves tram line\n\n${wall}`));
    expect(r.status).toBe('blocked');
    expect(r.statusReason).toMatch(/consent wall/);
  });

  it('is not-an-article for an error page and for an index of headlines', () => {
    const error = extractArticle(
      doc(
        `<html><head><title>Page not found | Lindgate Evening Post</title></head><body><p>${BODY} Try the search box or go back to the front page to find what you were looking for.</p></body></html>`,
        'text/html',
      ),
    );
    expect(error.status).toBe('not-an-article');
    expect(error.statusReason).toMatch(/error page/);
    const headlines = [
      'Tram line approved after decade of debate',
      'Library to open on Sundays from next month',
      'Night buses return to four routes',
      'Zoo welcomes two snow leopard cubs',
      'Marathon draws record field of runners',
      'Old Bridge closes for six months of repairs',
      'City to plant ten thousand trees',
      'Festival sells out in two hours',
      'Harbour fish market opens its doors',
    ];
    const index = extractArticle(doc(`Latest stories\n\n${headlines.join('\n\n')}`));
    expect(index.status).toBe('not-an-article');
    expect(index.statusReason).toMatch(/index page/);
  });

  it('is too-short when the body is a line', () => {
    const r = extractArticle(doc('Council approves tram line\n\nThe vote was 31 to 14.'));
    expect(r.article).toBeNull();
    expect(r.status).toBe('too-short');
    expect(r.diagnostics[0]?.rule).toBe('extract/empty-body');
  });
});
