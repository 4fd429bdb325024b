/**
 * Publishes the whole-registry downloads the loader keeps under OPEN_DATA_DIR (the compressed dumps and
 * the CSV tables): put into the site at the end of `astro build`, served as they are by `astro dev`.
 */
import { copyFileSync, createReadStream, linkSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { OPEN_DATA_DIR } from '../site/open-data.ts';

const TYPES: Record<string, string> = {
  '.gz': 'application/gzip',
  '.csv': 'text/csv; charset=utf-8',
};

/**
 * Puts every download into the built site as a hard link: no copy of several hundred megabytes. The
 * loader never rewrites a file in place (it replaces it), so the site keeps the bytes it was built
 * with. Across file systems, it copies.
 */
function publishInto(folder: string, site: string): void {
  const folders = new Set<string>();
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const target = join(site, relative(folder, path));
    if (!folders.has(dirname(target))) {
      mkdirSync(dirname(target), { recursive: true });
      folders.add(dirname(target));
    }
    try {
      linkSync(path, target);
    } catch {
      copyFileSync(path, target);
    }
  }
}

export function openData(): AstroIntegration {
  let root = '';
  let base = '/';
  return {
    name: 'certidocs-open-data',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
        base = config.base.replace(/\/?$/, '/');
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((request, response, next) => {
          const url = new URL(request.url ?? '/', 'http://localhost');
          if (!url.pathname.startsWith(base)) return next();
          const folder = join(root, OPEN_DATA_DIR);
          const path = normalize(join(folder, decodeURIComponent(url.pathname.slice(base.length))));
          const type = TYPES[extname(path)];
          const stat = type && path.startsWith(folder + sep) ? statSync(path, { throwIfNoEntry: false }) : undefined;
          if (!type || !stat?.isFile()) return next();
          response.setHeader('Content-Type', type);
          response.setHeader('Content-Length', stat.size);
          // Streamed: a whole-registry dump is several hundred megabytes.
          createReadStream(path).pipe(response);
        });
      },
      'astro:build:done': ({ dir }) => {
        publishInto(join(root, OPEN_DATA_DIR), fileURLToPath(dir));
      },
    },
  };
}
