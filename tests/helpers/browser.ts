/**
 * Headless Chromium for the browser tests: one browser per test file, pages opened at a given
 * width and colour scheme with everything that went wrong while loading them recorded.
 *
 * CI rule: browser tests are required in CI. When Chromium is missing they FAIL if the CI
 * environment variable is set (CI=true), and are skipped, saying why, only outside CI.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe } from 'vitest';

/** The site's icons, which the browser requests by itself. */
const ICON_PATH = /\/(favicon\.(ico|svg)|apple-touch-icon\.png)$/;

/** Chromium flags: headless, no sandbox (containers), and no background traffic of its own. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The WCAG levels every page must meet. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Debian's Chromium: /usr/bin/chromium, else `chromium` on PATH. CERTIDOCS_CHROMIUM overrides both
 * (an explicit path; a path that does not exist counts as "Chromium missing", which is how the CI rule is tested).
 */
export function findChromium(): string | undefined {
  const override = process.env['CERTIDOCS_CHROMIUM'];
  if (override !== undefined) return existsSync(override) ? override : undefined;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  try {
    const found = execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return found && existsSync(found) ? found : undefined;
  } catch {
    return undefined;
  }
}

/** True when the CI environment variable is set (CI=true on every CI service); CI=false or CI=0 do not count. */
export function inCI(): boolean {
  const value = process.env['CI'];
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

const MISSING =
  "Chromium not found (neither /usr/bin/chromium nor `command -v chromium`; install Debian's package: apt-get install chromium)";

export interface BrowserSuite {
  /** The file's Chromium (valid inside tests and hooks). */
  browser(): Browser;
  /** Reused tabs on the local server, closed after the block. */
  tabs: Tabs;
}

/**
 * A describe block whose tests share one Chromium (launched in beforeAll, closed in afterAll).
 * Without Chromium: every test of the block fails when CI is set; otherwise the block is skipped,
 * its name and a warning saying why.
 */
export function describeInBrowser(name: string, siteUrl: string, body: (suite: BrowserSuite) => void): void {
  const executablePath = findChromium();
  let browser: Browser | undefined;
  const getBrowser = (): Browser => {
    if (!browser) throw new Error('Chromium is not running');
    return browser;
  };
  const tabs = new Tabs(getBrowser, siteUrl);
  if (!executablePath && !inCI()) {
    const reason = `${MISSING}; skipped because CI is not set (with CI=true these tests fail)`;
    console.warn(`[browser tests] ${name}: ${reason}`);
    describe.skip(`${name} [SKIPPED: ${reason}]`, () => body({ browser: getBrowser, tabs }));
    return;
  }
  describe(name, () => {
    beforeAll(async () => {
      if (!executablePath) throw new Error(`${MISSING}. Browser tests are required when CI is set (CI=${process.env['CI']}).`);
      browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    }, 60_000);
    afterAll(async () => {
      await tabs.closeAll();
      await browser?.close();
    });
    body({ browser: getBrowser, tabs });
  });
}

export type ColorScheme = 'light' | 'dark';

export interface Variant {
  width: number;
  colorScheme: ColorScheme;
}

/** The widths and schemes every page is checked at. */
export const VARIANTS: Variant[] = [
  { width: 375, colorScheme: 'light' },
  { width: 375, colorScheme: 'dark' },
  { width: 1280, colorScheme: 'light' },
  { width: 1280, colorScheme: 'dark' },
];

/**
 * A page's kind: its address with every segment holding a digit replaced (/certifications/rncp35809/ and
 * /certifications/rncp34762/ are one kind, /rome/k1704/historique/ another), and the value of a list by
 * facet too (/certifications/voie/vae/ and /certifications/nsf/315p/ are one template).
 */
export function pageKind(path: string): string {
  const segments = path.split('/').map((segment) => (/\d/.test(segment) ? '*' : segment));
  if (segments[1] === 'certifications' && segments.length === 5) return '/certifications/*/*/';
  if (segments[1] === 'parcourir' && segments.length === 4) return '/parcourir/*/';
  return segments.join('/');
}

/** A record's own page (/certifications/rncp35809/, /rs/rs5000/, /rome/k1704/): its data varies most. */
const RECORD_PAGE = /^\/(certifications|rs|rome)\/[a-z]+\d+\/$/;

/** How many pages of a kind other than record pages the browser checks: they share one template and one layout. */
export const PAGES_PER_KIND = 3;

/** How many record pages of one kind the browser checks: the heaviest, whose tables and charts have the most to lay out. */
export const RECORD_PAGES_PER_KIND = 10;

/**
 * The pages the browser checks, in their given order: the RECORD_PAGES_PER_KIND heaviest record pages of
 * each kind (by `size`, their HTML's length), and the first PAGES_PER_KIND pages of every other kind (lists
 * by facet, certifiers, history pages…). The link and HTML checks read every page.
 */
export function browserSample(paths: readonly string[], size: (path: string) => number = () => 0): string[] {
  const byKind = new Map<string, string[]>();
  for (const path of paths) {
    // A record page and a numbered list page (/certifications/2/) have the same address shape, not the same template.
    const key = `${RECORD_PAGE.test(path) ? 'record ' : ''}${pageKind(path)}`;
    byKind.set(key, [...(byKind.get(key) ?? []), path]);
  }
  const kept = new Set<string>();
  for (const [key, pages] of byKind) {
    const chosen = key.startsWith('record ')
      ? [...pages].sort((a, b) => size(b) - size(a)).slice(0, RECORD_PAGES_PER_KIND)
      : pages.slice(0, PAGES_PER_KIND);
    for (const path of chosen) kept.add(path);
  }
  return paths.filter((path) => kept.has(path));
}

/**
 * The variants each page is checked at. The first page of each kind gets all four; the others of that kind get
 * one each, taking turns between 375 px light and 1280 px dark: every page of a kind has the same layout rules and
 * colours, and only its data differs.
 */
export function variantsByPage(paths: readonly string[]): Map<string, Variant[]> {
  const seen = new Map<string, number>();
  const turns = [VARIANTS[0], VARIANTS[VARIANTS.length - 1]];
  return new Map(
    paths.map((path) => {
      const kind = pageKind(path);
      const rank = seen.get(kind) ?? 0;
      seen.set(kind, rank + 1);
      return [path, rank === 0 ? VARIANTS : [turns[rank % 2]]];
    }),
  );
}

export interface RequestRecord {
  url: string;
  /** Playwright's resource type: "document", "stylesheet", "script", "fetch", "image"… */
  type: string;
}

/** What went wrong while a page loaded; all empty on a good page. */
export interface Problems {
  consoleErrors: string[];
  pageErrors: string[];
  failedRequests: string[];
  /** Requests to any origin other than the local server (blocked, never sent). */
  otherOrigins: string[];
}

export const NO_PROBLEMS: Problems = { consoleErrors: [], pageErrors: [], failedRequests: [], otherOrigins: [] };

export interface Visit {
  page: Page;
  context: BrowserContext;
  /** The main document's response. */
  response: Response | null;
  status: number | undefined;
  /** Every request made since the navigation started, in order (main document included). */
  requests: RequestRecord[];
  problems(): Problems;
  /** Closes a fresh page's context; a reused tab stays open for the next visit. */
  close(): Promise<void>;
}

export interface OpenOptions extends Variant {
  height?: number;
  /** Expected status of the main document (404 for the not-found page): its own "failed to load" console line is then not an error. */
  expectStatus?: number;
  /** Called on the new page before it navigates (to add init scripts, listeners…); implies a fresh page. */
  beforeGoto?: (page: Page) => Promise<void>;
}

/** A browser context with one page, whose listeners record into the log of the current visit. */
interface Tab {
  context: BrowserContext;
  page: Page;
  log: { requests: RequestRecord[]; problems: Problems; target: string; expectStatus: number | undefined };
}

const emptyLog = (target = '', expectStatus?: number): Tab['log'] => ({
  requests: [],
  problems: { consoleErrors: [], pageErrors: [], failedRequests: [], otherOrigins: [] },
  target,
  expectStatus,
});

/**
 * A context at the given width and colour scheme, recording console errors, uncaught page errors,
 * failed requests (network errors, HTTP errors on sub-resources) and requests to other origins,
 * which are blocked.
 */
async function newTab(browser: Browser, origin: string, options: OpenOptions): Promise<Tab> {
  const context = await browser.newContext({
    viewport: { width: options.width, height: options.height ?? 800 },
    colorScheme: options.colorScheme,
    locale: 'fr-FR',
  });
  const page = await context.newPage();
  const tab: Tab = { context, page, log: emptyLog() };
  await context.route(
    (url) => /^(https?|wss?):$/.test(url.protocol) && url.origin !== origin,
    async (route) => {
      tab.log.problems.otherOrigins.push(route.request().url());
      await route.abort('blockedbyclient');
    },
  );
  page.on('request', (request) => tab.log.requests.push({ url: request.url(), type: request.resourceType() }));
  page.on('pageerror', (error) => tab.log.problems.pageErrors.push(error.stack ?? error.message));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const location = message.location().url;
    const { expectStatus, target } = tab.log;
    // Chromium logs the expected error status of the main document itself as a console error.
    if (expectStatus && expectStatus >= 400 && location === target && message.text().startsWith('Failed to load resource')) return;
    tab.log.problems.consoleErrors.push(`${message.text()}${location ? ` (${location})` : ''}`);
  });
  page.on('requestfailed', (request) => {
    const url = new URL(request.url());
    if (url.origin !== origin) return; // reported as another origin
    // The browser fetches a page's icon on its own, even as the tab moves on to the next page: an icon
    // fetch cut short that way is neither page's failure (tests/browser/favicon.test.ts checks the icons).
    if (request.failure()?.errorText === 'net::ERR_ABORTED' && ICON_PATH.test(url.pathname)) return;
    tab.log.problems.failedRequests.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText ?? 'failed'}`);
  });
  page.on('response', (response) => {
    const request = response.request();
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) return; // checked through `status`
    if (response.status() >= 400) tab.log.problems.failedRequests.push(`${request.method()} ${response.url()}: HTTP ${response.status()}`);
  });
  return tab;
}

async function visitIn(tab: Tab, siteUrl: string, path: string, options: OpenOptions, close: () => Promise<void>): Promise<Visit> {
  const target = new URL(path, siteUrl).href;
  tab.log = emptyLog(target, options.expectStatus);
  const log = tab.log;
  const response = await tab.page.goto(target, { waitUntil: 'load' });
  return {
    page: tab.page,
    context: tab.context,
    response,
    status: response?.status(),
    requests: log.requests,
    problems: () => structuredClone(log.problems),
    close,
  };
}

/** Opens `path` in a fresh context (closed by `visit.close()`). */
export async function openPage(browser: Browser, siteUrl: string, path: string, options: OpenOptions): Promise<Visit> {
  const tab = await newTab(browser, new URL(siteUrl).origin, options);
  await options.beforeGoto?.(tab.page);
  return visitIn(tab, siteUrl, path, options, () => tab.context.close());
}

/**
 * Opens pages in reused tabs, one per width, height and colour scheme: a new document each time
 * (state does not carry over) without paying for a new context and renderer per page.
 */
export class Tabs {
  #tabs = new Map<string, Promise<Tab>>();
  readonly browser: () => Browser;
  readonly siteUrl: string;

  constructor(browser: () => Browser, siteUrl: string) {
    this.browser = browser;
    this.siteUrl = siteUrl;
  }

  async open(path: string, options: OpenOptions): Promise<Visit> {
    if (options.beforeGoto) return openPage(this.browser(), this.siteUrl, path, options);
    const key = `${options.width}x${options.height ?? 800}-${options.colorScheme}`;
    let tab = this.#tabs.get(key);
    if (!tab) {
      tab = newTab(this.browser(), new URL(this.siteUrl).origin, options);
      this.#tabs.set(key, tab);
    }
    return visitIn(await tab, this.siteUrl, path, options, async () => {});
  }

  async closeAll(): Promise<void> {
    const tabs = [...this.#tabs.values()];
    this.#tabs.clear();
    for (const tab of tabs) await (await tab).context.close().catch(() => {});
  }
}

export interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[] }[];
}

/** The minified axe-core that @axe-core/playwright itself depends on (its default is the unminified one, slower to inject). */
const AXE_SOURCE = readFileSync(
  createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright')).resolve('axe-core/axe.min.js'),
  'utf8',
);

/**
 * axe-core on the page as it is now, WCAG 2.0/2.1/2.2 A and AA rules. Legacy mode runs axe.run()
 * in the page instead of merging per-frame results in an extra blank page: the same rules, three
 * times faster; it only loses cross-origin iframes, which the site must not have anyway.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const results = await new AxeBuilder({ page, axeSource: AXE_SOURCE })
    // options() replaces every option, withTags() included: it must come first.
    .options({ resultTypes: ['violations'] })
    .withTags(AXE_TAGS)
    .setLegacyMode()
    .analyze();
  return results.violations;
}

/** "color-contrast (serious): Elements must meet… — targets: .brand, nav a — https://…" one line per rule. */
export function describeViolations(violations: AxeViolation[]): string {
  if (violations.length === 0) return 'no axe violation';
  return violations
    .map((v) => {
      const targets = v.nodes.map((node) => node.target.map(String).join(' ')).join(' | ');
      return `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.nodes.length} node(s): ${targets} — ${v.helpUrl}`;
    })
    .join('\n');
}
