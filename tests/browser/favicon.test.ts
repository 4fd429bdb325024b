/**
 * The site's icon: dist/ holds favicon.ico (a real ICO with 16 and 32 px images), favicon.svg and
 * apple-touch-icon.png, every page links them, and in headless Chromium the home page, a
 * certification page and the 404 page fetch the icon (200, an image), get no 404 for anything
 * but the 404 page itself, and log no console error (a missing /favicon.ico used to log one on
 * every page).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Response } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { describeInBrowser, NO_PROBLEMS } from '../helpers/browser.ts';
import type { Visit } from '../helpers/browser.ts';
import { filesUnder } from '../helpers/built-site.ts';

const siteUrl = inject('siteUrl');
const dist = inject('siteDist');

/** The icon files, their type, and the size the browser decodes them at (undefined: any, a vector). */
const ICONS = [
  { file: 'favicon.ico', type: /^image\/(x-icon|vnd\.microsoft\.icon)$/, width: undefined },
  { file: 'favicon.svg', type: /^image\/svg\+xml$/, width: undefined },
  { file: 'apple-touch-icon.png', type: /^image\/png$/, width: 180 },
] as const;

const isIcon = (url: string): boolean => /\/(favicon\.(ico|svg)|apple-touch-icon\.png)$/.test(new URL(url).pathname);

/** The attributes of every <link> of an HTML document. */
function links(html: string): Record<string, string>[] {
  return [...html.matchAll(/<link\b([^>]*)>/gi)].map((match) =>
    Object.fromEntries(
      [...(match[1] ?? '').matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)].map((attribute) => [
        (attribute[1] ?? '').toLowerCase(),
        attribute[2] ?? attribute[3] ?? attribute[4] ?? '',
      ]),
    ),
  );
}

interface IcoImage {
  width: number;
  height: number;
  format: 'png' | 'bmp';
}

/** The images of an ICO file; throws on anything that is not a well-formed icon directory. */
function icoImages(bytes: Buffer): IcoImage[] {
  if (bytes.length < 6 || bytes.readUInt16LE(0) !== 0 || bytes.readUInt16LE(2) !== 1) throw new Error('not an ICO file (bad header)');
  const count = bytes.readUInt16LE(4);
  if (count === 0 || bytes.length < 6 + 16 * count) throw new Error(`ICO directory of ${count} entries does not fit`);
  return Array.from({ length: count }, (_, n) => {
    const entry = 6 + 16 * n;
    const width = bytes[entry] || 256;
    const height = bytes[entry + 1] || 256;
    const size = bytes.readUInt32LE(entry + 8);
    const offset = bytes.readUInt32LE(entry + 12);
    if (offset < 6 + 16 * count || offset + size > bytes.length) throw new Error(`ICO image ${n + 1} lies outside the file`);
    const data = bytes.subarray(offset, offset + size);
    if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
      if (data.readUInt32BE(16) !== width || data.readUInt32BE(20) !== height) throw new Error(`ICO image ${n + 1}: PNG size differs`);
      return { width, height, format: 'png' };
    }
    // A BMP without its file header: BITMAPINFOHEADER, the height doubled (XOR image then AND mask).
    if (data.readUInt32LE(0) !== 40 || data.readInt32LE(4) !== width || data.readInt32LE(8) !== 2 * height)
      throw new Error(`ICO image ${n + 1}: neither a PNG nor a ${width}x${height} bitmap`);
    const bits = data.readUInt16LE(14);
    const maskRow = Math.ceil(width / 32) * 4;
    const needed = 40 + (bits <= 8 ? 4 * 2 ** bits : 0) + Math.ceil((width * bits) / 32) * 4 * height + maskRow * height;
    if (size < needed) throw new Error(`ICO image ${n + 1}: ${size} bytes, a ${width}x${height} ${bits}-bit bitmap needs ${needed}`);
    return { width, height, format: 'bmp' };
  });
}

const htmlFiles = filesUnder(dist).filter((file) => file.endsWith('.html'));

describe('the icon files of the built site', () => {
  test('dist/ holds favicon.ico, favicon.svg and apple-touch-icon.png', () => {
    for (const { file } of ICONS) expect(existsSync(join(dist, file)), file).toBe(true);
  });

  test('favicon.ico is a valid ICO with 16x16 and 32x32 images', () => {
    const images = icoImages(readFileSync(join(dist, 'favicon.ico')));
    const sizes = images.map((image) => `${image.width}x${image.height}`);
    expect(sizes).toContain('16x16');
    expect(sizes).toContain('32x32');
  });

  test('favicon.svg is a self-contained SVG (no script, nothing fetched)', () => {
    const svg = readFileSync(join(dist, 'favicon.svg'), 'utf8');
    expect(svg).toMatch(/^<svg\b[^>]*\sxmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*\sviewBox="0 0 32 32"/);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).not.toMatch(/<script|<foreignObject|\shref=|url\(|@import/i);
  });

  test('apple-touch-icon.png is a 180x180 PNG', () => {
    const png = readFileSync(join(dist, 'apple-touch-icon.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([180, 180]);
  });

  test('every page links the ICO (32x32), the SVG and the touch icon', () => {
    expect(htmlFiles).toContain('404.html');
    expect(htmlFiles).toContain('certifications/rncp39853/index.html');
    const offenders: string[] = [];
    for (const file of htmlFiles) {
      const found = links(readFileSync(join(dist, file), 'utf8'));
      const has = (wanted: Record<string, string>): boolean =>
        found.some((link) => Object.entries(wanted).every(([name, value]) => link[name] === value));
      if (!has({ rel: 'icon', href: '/favicon.ico', sizes: '32x32' }))
        offenders.push(`${file}: no <link rel="icon" href="/favicon.ico" sizes="32x32">`);
      if (!has({ rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' }))
        offenders.push(`${file}: no <link rel="icon" type="image/svg+xml" href="/favicon.svg">`);
      if (!has({ rel: 'apple-touch-icon', href: '/apple-touch-icon.png' }))
        offenders.push(`${file}: no <link rel="apple-touch-icon" href="/apple-touch-icon.png">`);
    }
    expect(offenders).toEqual([]);
  });
});

interface Answer {
  url: string;
  status: number;
  type: string;
}

interface Watch {
  /** Every response the page got, main document included. */
  answers: Answer[];
  /** Console errors, but the one Chromium logs for a main document answering its expected error status. */
  consoleErrors: string[];
  /** The first response to an icon request; the browser fetches the icon after the load event. */
  icon: Promise<Response>;
}

/** Starts recording on a page about to navigate to `target`, expected to answer `status`. */
function watch(page: Page, target: string, status: number): Watch {
  const answers: Answer[] = [];
  const consoleErrors: string[] = [];
  page.on('response', (response) =>
    answers.push({ url: response.url(), status: response.status(), type: response.headers()['content-type'] ?? '' }),
  );
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const location = message.location().url;
    if (status >= 400 && location === target && message.text().startsWith('Failed to load resource')) return;
    consoleErrors.push(`${message.text()}${location ? ` (${location})` : ''}`);
  });
  const icon = page
    .waitForResponse((response) => isIcon(response.url()), { timeout: 10_000 })
    .catch((error: unknown) => {
      throw new Error(`the browser fetched no icon the page links (${String(error)})`);
    });
  icon.catch(() => {}); // awaited by the test; no unhandled rejection if it fails first
  return { answers, consoleErrors, icon };
}

/** Waits for the icon and checks it: 200, an image. */
async function expectIcon(watched: Watch): Promise<void> {
  const icon = await watched.icon.catch((error: unknown) => {
    throw new Error(`${error instanceof Error ? error.message : String(error)}; console errors: ${JSON.stringify(watched.consoleErrors)}`);
  });
  await icon.finished();
  expect({ url: icon.url(), status: icon.status() }).toEqual({ url: expect.stringMatching(/\/favicon\.(svg|ico)$/), status: 200 });
  expect(icon.headers()['content-type'], 'content type of the icon').toMatch(/^image\//);
}

/** Responses with status 404 other than the page's own deliberate one. */
const unexpected404s = (watched: Watch, target: string, status: number): string[] =>
  watched.answers.filter((answer) => answer.status === 404 && !(status === 404 && answer.url === target)).map((answer) => answer.url);

const PAGES = [
  { path: '/', status: 200 },
  { path: '/certifications/rncp39853/', status: 200 },
  { path: '/page-qui-n-existe-pas/', status: 404 },
];

describeInBrowser('the site icon in the browser', siteUrl, ({ browser, tabs }) => {
  for (const { path, status } of PAGES) {
    test(`${path}: the icon is fetched (200, an image), nothing else answers 404, no console error`, async () => {
      const target = new URL(path, siteUrl).href;
      let watched: Watch | undefined;
      const visit: Visit = await tabs.open(path, {
        width: 1280,
        colorScheme: 'light',
        expectStatus: status,
        beforeGoto: async (page) => {
          watched = watch(page, target, status);
        },
      });
      try {
        if (!watched) throw new Error('the page was not watched');
        expect(visit.status, 'HTTP status of the page').toBe(status);
        await expectIcon(watched);
        expect(unexpected404s(watched, target, status), 'requests answering 404').toEqual([]);
        expect(visit.problems()).toEqual(NO_PROBLEMS);
      } finally {
        await visit.close();
      }
    });
  }

  // The helper's tabs route requests (to block other origins), and Playwright then aborts every
  // request for a /favicon.ico by design (microsoft/playwright#33639): the ICO, and what a browser
  // does when a page links no icon, can only be seen in a context without routes.
  test('without request interception: the same pages log no error, and the icon files answer 200 with an image type and decode', async () => {
    const context = await browser().newContext({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });
    try {
      const page = await context.newPage();
      for (const { path, status } of PAGES) {
        const target = new URL(path, siteUrl).href;
        const watched = watch(page, target, status);
        const response = await page.goto(target, { waitUntil: 'load' });
        expect(response?.status(), `${path}: HTTP status`).toBe(status);
        await expectIcon(watched);
        expect(unexpected404s(watched, target, status), `${path}: requests answering 404`).toEqual([]);
        expect(watched.consoleErrors, `${path}: console errors`).toEqual([]);
        page.removeAllListeners('response').removeAllListeners('console');
      }
      const watched = watch(page, `${siteUrl}/`, 200);
      await page.goto(`${siteUrl}/`, { waitUntil: 'load' });
      const results = await page.evaluate(
        async (files) =>
          Promise.all(
            files.map(async (file) => {
              const response = await fetch(`/${file}`, { cache: 'no-store' });
              const image = new Image();
              image.src = `/${file}`;
              const decoded = await image.decode().then(
                () => true,
                () => false,
              );
              return {
                file,
                status: response.status,
                type: response.headers.get('content-type') ?? '',
                decoded,
                width: image.naturalWidth,
              };
            }),
          ),
        ICONS.map((icon) => icon.file),
      );
      for (const { file, type, width } of ICONS) {
        const result = results.find((r) => r.file === file);
        expect(result, file).toMatchObject({ status: 200, type: expect.stringMatching(type), decoded: true });
        if (width === undefined) expect(result?.width, `${file}: decoded width`).toBeGreaterThanOrEqual(16);
        else expect(result?.width, `${file}: decoded width`).toBe(width);
      }
      expect(watched.answers.filter((answer) => answer.status >= 400)).toEqual([]);
      expect(watched.consoleErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
