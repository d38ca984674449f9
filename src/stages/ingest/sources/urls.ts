/**
 * URL lists: a `.urls` file, or a `.txt` file whose every non-empty line is an http(s) URL
 * (lines starting with `#` are comments). Each URL is fetched as a page (or read as a feed or
 * sitemap when that is what it serves). A `.txt` file with any other line is an article.
 */
const URL_LINE = /^https?:\/\/\S+$/i;

/** The URLs of a URL-list text, or undefined when it is not one. */
export function urlList(content: string): string[] | undefined {
  const lines = content
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  if (lines.length === 0 || !lines.every((l) => URL_LINE.test(l))) return undefined;
  return lines;
}
