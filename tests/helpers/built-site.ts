/**
 * The site as built once for the whole test run (see tests/global-setup.ts): a tiny static file
 * server for its dist/ folder, and readers for what the build produced (sitemap, HTML files).
 */
import { readFile, stat } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, relative, resolve, sep } from 'node:path';
import { XMLParser } from 'fast-xml-parser';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Absolute path of the built site's dist/ folder. */
    siteDist: string;
    /** Base URL of the local server for that folder, without a trailing slash: "http://127.0.0.1:40123". */
    siteUrl: string;
  }
}

/** The path of the search page, the only page allowed to load scripts (Pagefind, once the reader searches). */
export const SEARCH_PATH = '/recherche/';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.yaml': 'application/yaml; charset=utf-8',
  '.yml': 'application/yaml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  // Pagefind's index files are gzip data that its own script inflates: served as plain bytes, no Content-Encoding.
  '.pagefind': 'application/octet-stream',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pf_filter': 'application/octet-stream',
};

export function contentType(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export interface StaticServer {
  /** "http://127.0.0.1:<port>", no trailing slash. */
  url: string;
  close(): Promise<void>;
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}

/** Serves a folder the way a static host does: directory URLs → index.html, unknown paths → 404.html with status 404. */
export async function serveDirectory(root: string): Promise<StaticServer> {
  const base = resolve(root);

  async function send(response: ServerResponse, status: number, file: string, head: boolean): Promise<void> {
    const body = await readFile(file);
    response.writeHead(status, { 'content-type': contentType(file), 'content-length': body.length, 'cache-control': 'no-store' });
    response.end(head ? undefined : body);
  }

  async function notFound(response: ServerResponse, head: boolean): Promise<void> {
    const page = join(base, '404.html');
    if (await isFile(page)) return send(response, 404, page, head);
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    response.end(head ? undefined : 'Not found');
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const head = request.method === 'HEAD';
    if (request.method !== 'GET' && !head) {
      response.writeHead(405, { allow: 'GET, HEAD' });
      response.end();
      return;
    }
    const url = new URL(request.url ?? '/', 'http://localhost');
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      response.writeHead(400);
      response.end();
      return;
    }
    const target = resolve(base, `.${pathname}`);
    // Never serve anything outside the folder (../ in the URL).
    if (target !== base && !target.startsWith(base + sep)) return notFound(response, head);
    if (await isDirectory(target)) {
      if (!url.pathname.endsWith('/')) {
        response.writeHead(301, { location: `${url.pathname}/${url.search}` });
        response.end();
        return;
      }
      const index = join(target, 'index.html');
      return (await isFile(index)) ? send(response, 200, index, head) : notFound(response, head);
    }
    if (await isFile(target)) return send(response, 200, target, head);
    return notFound(response, head);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(String(error));
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the static server has no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** The page URLs listed in the built sitemap-0.xml, as they appear there (site origin). */
export function sitemapUrls(dist: string): string[] {
  const xml = readFileSync(join(dist, 'sitemap-0.xml'), 'utf8');
  const parsed = new XMLParser({ isArray: (name) => name === 'url' }).parse(xml) as { urlset?: { url?: { loc: string }[] } };
  return (parsed.urlset?.url ?? []).map((entry) => String(entry.loc).trim());
}

/** The sitemap's pages as local paths ("/", "/rome/k1704/"): the site origin is replaced by the local server's. */
export function sitemapPaths(dist: string): string[] {
  return sitemapUrls(dist).map((loc) => {
    const url = new URL(loc);
    return `${url.pathname}${url.search}`;
  });
}

/** Every file under a folder, as paths relative to it with "/" separators. */
export function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/** "certifications/rncp39853/index.html" → "/certifications/rncp39853/"; "404.html" → "/404.html". */
export function pathOfHtmlFile(file: string): string {
  if (file === 'index.html') return '/';
  return file.endsWith('/index.html') ? `/${file.slice(0, -'index.html'.length)}` : `/${file}`;
}
