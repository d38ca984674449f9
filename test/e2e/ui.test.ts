/**
 * The web UI end to end, in headless Chromium (apt `chromium`) driven by playwright-core:
 * the example corpus is analysed into a fresh store, the real app serves the API and the built
 * UI on a free port, and the tests walk stories → story → article → quote speaker → entity,
 * search, check conflicts, run axe-core on every view and write screenshots to test-results/screenshots/
 * (docs/screenshots/ with UPDATE_SCREENSHOTS=1).
 *
 * Skipped, with a message, only when /usr/bin/chromium is missing (CI installs it).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ServerType, serve } from '@hono/node-server';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.js';
import { analyze } from '../../src/pipeline/analyze.js';
import { openStore, type Store } from '../../src/store/open.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CHROMIUM = '/usr/bin/chromium';
const UI_DIR = path.join(ROOT, 'dist/web');
// Test artefacts go to test-results/ (ignored by git); `UPDATE_SCREENSHOTS=1` refreshes the ones
// kept in docs/screenshots/, so ordinary test runs leave the work tree clean.
const SHOTS = process.env.UPDATE_SCREENSHOTS
  ? path.join(ROOT, 'docs/screenshots')
  : path.join(ROOT, 'test-results/screenshots');
const AXE = path.join(ROOT, 'node_modules/axe-core/axe.min.js');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
/** Long pages are cut here so the screenshots stay small enough to keep in the repository. */
const MAX_SHOT_HEIGHT = 2400;

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `Skipping the web UI browser tests: ${CHROMIUM} is missing (install it with \`apt-get install chromium\`).`,
  );
}

/** Newest modification time under `dir` (files only). */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

/** Build dist/web with Vite when it is missing or older than its sources. */
async function ensureUiBuilt(): Promise<void> {
  const index = path.join(UI_DIR, 'index.html');
  const sources = Math.max(newest(path.join(ROOT, 'src/web')), statSync(path.join(ROOT, 'vite.config.ts')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  const { build } = await import('vite');
  // Vitest sets NODE_ENV=test; the bundle must be the production one `npm run build` makes.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(ROOT, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Run axe-core on the page; return the serious and critical violations. */
async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE });
  // A string, not a function: the test code is typechecked without DOM types.
  const violations = (await page.evaluate(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })) })))`,
  )) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

describe.skipIf(!hasChromium)('web UI in headless Chromium', () => {
  let store: Store;
  let server: ServerType;
  let browser: Browser;
  let context: BrowserContext;
  let base: string;
  let dbDir: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await ensureUiBuilt();
    dbDir = mkdtempSync(path.join(tmpdir(), 'storyline-e2e-'));
    store = await openStore(path.join(dbDir, 'e2e.db'));
    await analyze(store, [path.join(ROOT, 'examples/corpus')], { concurrency: 1 });
    const app = createApp({ store, uiDir: UI_DIR });
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    // bypassCSP: the app's CSP forbids inline scripts, and axe is injected as one.
    context = await browser.newContext({ viewport: DESKTOP, bypassCSP: true, reducedMotion: 'reduce' });
    mkdirSync(SHOTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await store?.close();
    if (dbDir) rmSync(dbDir, { recursive: true, force: true });
  });

  async function open(hash: string): Promise<Page> {
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${hash}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`${hash}: console: ${message.text()}`);
    });
    await page.goto(`${base}${hash}`);
    return page;
  }

  /** A screenshot of the page from the top, at most `MAX_SHOT_HEIGHT` pixels tall. */
  async function capture(page: Page, file: string): Promise<void> {
    const { width } = page.viewportSize()!;
    const height = Math.min(MAX_SHOT_HEIGHT, (await page.evaluate('document.documentElement.scrollHeight')) as number);
    await page.screenshot({ path: path.join(SHOTS, file), fullPage: true, clip: { x: 0, y: 0, width, height } });
  }

  /** Screenshots at desktop and phone width; the phone layout must not scroll sideways. */
  async function shoot(page: Page, name: string): Promise<void> {
    await page.setViewportSize(DESKTOP);
    await capture(page, `${name}-desktop.png`);
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(150); // charts resize on the next frame
    const overflow = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    expect(overflow, `${name} scrolls sideways at phone width`).toBeLessThanOrEqual(PHONE.width + 1);
    await capture(page, `${name}-phone.png`);
    await page.setViewportSize(DESKTOP);
  }

  async function expectAccessible(page: Page, name: string): Promise<void> {
    const violations = await seriousViolations(page);
    expect(violations, `${name}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
  }

  it('lists stories newest or biggest first, with charts', async () => {
    const page = await open('#/stories?sort=size');
    await page.locator('.card').first().waitFor();
    const counts = await page.locator('.card .facts .fact:nth-child(2) strong').allTextContents();
    const sizes = counts.map(Number);
    expect(sizes.length).toBeGreaterThanOrEqual(3);
    expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
    expect(await page.locator('.card .chart canvas').count()).toBe(sizes.length);
    await expect.poll(() => page.locator('.card').first().textContent()).toMatch(/independent source/);

    await page.getByRole('link', { name: 'Newest first' }).click();
    await page.waitForURL(/sort=recent/);
    await page.locator('.card').first().waitFor();
    await expectAccessible(page, 'stories');
    await shoot(page, 'stories');
    await page.close();
  });

  it('goes story → article at the quote → its speaker’s entity page', async () => {
    const page = await open('#/stories?sort=size');
    // Keyboard: j focuses the first story, Enter opens it.
    await page.locator('.card').first().waitFor();
    await page.keyboard.press('j');
    const first = (await page.locator('.card h2 a').first().textContent())!.trim();
    expect(((await page.evaluate('document.activeElement.textContent')) as string).trim()).toBe(first);
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/story\//);
    await expect.poll(() => page.locator('#story-title').textContent()).toBe(first);

    // The story: timeline, lineage graph, entities, quotes, claims, events.
    expect(await page.locator('.tl-entry').count()).toBeGreaterThan(0);
    expect(await page.locator('.lineage svg').count()).toBe(1);
    expect(await page.locator('#entities a[href^="#/entity/"]').count()).toBeGreaterThan(0);
    expect(await page.locator('#events .events > li').count()).toBeGreaterThan(0);

    // A quote with a named speaker, opened in the article at its evidence span.
    const quote = page
      .locator('#quotes .quote')
      .filter({ has: page.locator('a[href^="#/entity/"]') })
      .first();
    const quoteText = (await quote.locator('blockquote').textContent())!.replace(/^“|”$/g, '');
    await quote.locator('.carried a').first().click();
    await page.waitForURL(/#\/article\/a_[0-9a-f]+\?start=\d+&end=\d+/);
    const evidence = page.locator('mark#evidence');
    await evidence.waitFor();
    expect(await evidence.textContent()).toBe(quoteText);

    // The highlighted quote's speaker (the chip right after it) leads to the entity page.
    expect(await evidence.locator('.hl-quote').count()).toBeGreaterThan(0);
    const speaker = page.locator('mark#evidence ~ a.speaker-chip').first();
    const speakerHref = (await speaker.getAttribute('href'))!;
    expect(speakerHref).toMatch(/^#\/entity\//);
    await speaker.click();
    await page.waitForURL(/#\/entity\//);
    await page.locator('#entity-title').waitFor();
    expect(decodeURIComponent(page.url().split('#/entity/')[1]!)).toBe(decodeURIComponent(speakerHref.slice(9)));
    expect(await page.locator('.entity .quote').count()).toBeGreaterThan(0);
    expect(await page.locator('.entity .chart canvas').count()).toBe(1);
    await page.close();
  });

  it('shows conflicts on the story page and marks the claims in conflict', async () => {
    const page = await open('#/stories?sort=size');
    await page.locator('.card h2 a').first().click();
    await page.locator('#story-title').waitFor();
    const conflicts = page.locator('#conflicts .conflict');
    expect(await conflicts.count()).toBeGreaterThan(0);
    await expect.poll(() => conflicts.first().textContent()).toMatch(/numbers disagree|speaker disputed/);
    expect(await page.locator('#claims tr.in-conflict').count()).toBeGreaterThan(0);
    expect(await page.locator('#claims tr.in-conflict .badge.warn').first().textContent()).toMatch(/conflict/);
    await expectAccessible(page, 'story');
    await shoot(page, 'story');
    // The parts of the story page below the first screens.
    for (const section of ['conflicts', 'sources', 'quotes', 'claims']) {
      await page.locator(`#${section}`).screenshot({ path: path.join(SHOTS, `story-${section}-desktop.png`) });
    }
    await page.close();
  });

  it('renders an article with highlights, inferred fields and removed boilerplate on demand', async () => {
    const stories = await open('#/stories?sort=size');
    await stories.locator('.card h2 a').first().click();
    await stories.locator('#conflicts .conflict').first().waitFor();
    // A conflict's evidence: opens the article at the disputed number.
    await stories.locator('#conflicts .conflict details summary').first().click();
    const link = stories.locator('#conflicts .conflict details a').first();
    const hash = (await link.getAttribute('href'))!;
    await stories.close();

    const page = await open(hash);
    await page.locator('.article-text').waitFor();
    await page.locator('mark#evidence').waitFor();
    for (const layer of ['hl-entity', 'hl-quote', 'hl-claim', 'hl-time']) {
      expect(await page.locator(`.article-text .${layer}`).count(), layer).toBeGreaterThan(0);
    }
    // Turning a layer off removes its highlights.
    await page.getByRole('checkbox', { name: /Times/ }).uncheck();
    expect(await page.locator('.article-text .hl-time').count()).toBe(0);
    await page.getByRole('checkbox', { name: /Times/ }).check();
    await expectAccessible(page, 'article');
    await shoot(page, 'article');
    // Removed boilerplate appears struck through only on demand.
    expect(await page.locator('.removed del').count()).toBe(0);
    await page.getByLabel(/Show removed boilerplate/).check();
    expect(await page.locator('.removed del').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'article with removed boilerplate');
    await page.locator('.removed').screenshot({ path: path.join(SHOTS, 'article-removed-desktop.png') });
    await page.close();
  });

  it('marks a publication date inferred from a copy or the text', async () => {
    const list = (await (await fetch(`${base}api/articles?limit=200`)).json()) as { items: { id: string }[] };
    let inferred: string | undefined;
    for (const { id } of list.items) {
      const a = (await (await fetch(`${base}api/articles/${id}`)).json()) as { published: { how: string } };
      if (a.published.how === 'duplicate' || a.published.how === 'text') {
        inferred = id;
        break;
      }
    }
    expect(inferred, 'the example corpus has an article with an inferred date').toBeDefined();
    const page = await open(`#/article/${inferred}`);
    await page.locator('.meta').waitFor();
    expect(await page.locator('.meta .badge.inferred').textContent()).toBe('inferred');
    await page.close();
  });

  it('searches from the header box', async () => {
    const page = await open('#/stories');
    await page.getByRole('searchbox', { name: /search stories/i }).fill('troops');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/search\?q=troops/);
    await page.locator('.search-results').waitFor();
    expect(await page.locator('.search-results .snippet mark').count()).toBeGreaterThan(0);
    expect(((await page.locator('.search-results .snippet mark').first().textContent()) ?? '').toLowerCase()).toBe(
      'troops',
    );
    // Markup in a query is shown as text, never run.
    await page.goto(`${base}#/search?q=${encodeURIComponent('<img src=x onerror=alert(1)>')}`);
    await page.locator('#search-title').waitFor();
    expect(await page.locator('main img').count()).toBe(0);
    await page.goto(`${base}#/search?q=troops`);
    await page.locator('.search-results').waitFor();
    await expectAccessible(page, 'search');
    await shoot(page, 'search');
    await page.close();
  });

  it('makes the entity page accessible and screenshots it', async () => {
    const page = await open('#/search?q=Holm');
    await page.locator('.search-results a[href^="#/entity/"]').first().click();
    await page.locator('#entity-title').waitFor();
    await page.locator('.entity .chart canvas').waitFor();
    await expectAccessible(page, 'entity');
    await shoot(page, 'entity');
    await page.close();
  });

  it('splits a merged id off an entity, and the split entity has its own page', async () => {
    const page = await open(`#/entity/${encodeURIComponent('person:tomasz-wrenik')}`);
    await page.locator('#entity-title').waitFor();
    await page.getByLabel('Merge into…').waitFor();
    const splitButton = page.getByRole('button', { name: 'Split person:tomas-vrenik' });
    await splitButton.click();
    // The entity reloads without the split id; the focused notice links to the split entity.
    const notice = page.locator('.entity-manage [role="status"]');
    await notice.waitFor();
    expect(await notice.evaluate((el) => el.matches(':focus'))).toBe(true);
    expect(await page.getByRole('button', { name: 'Split person:tomas-vrenik' }).count()).toBe(0);
    await notice.locator('a').click();
    await page.waitForURL(/#\/entity\/person(:|%3A)tomas-vrenik$/);
    await expect.poll(() => page.locator('#entity-title').textContent()).toBe('Tomas Vrenik');
    await expectAccessible(page, 'entity-split');
    await page.close();
  });

  it('shows a clear message for an unknown id', async () => {
    const page = await open('#/story/s_000000000000');
    await expect.poll(() => page.locator('[role="alert"]').textContent()).toMatch(/Not found/);
    await page.close();
  });

  it('raised no script errors on any page', () => {
    // The unknown-story page logs its 404 fetch; that one is expected.
    expect(pageErrors.filter((e) => !/404/.test(e))).toEqual([]);
  });
});
