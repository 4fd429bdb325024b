/**
 * Publishes the open-data files the loader keeps under OPEN_DATA_DIR (JSON, CSV and YAML of every
 * record): copied into the site at the end of `astro build`, served as they are by `astro dev`.
 */
import { cpSync, existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { OPEN_DATA_DIR } from '../site/open-data.ts';

const TYPES: Record<string, string> = {
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
};

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
          if (!type || !path.startsWith(folder + sep) || !existsSync(path) || !statSync(path).isFile()) return next();
          response.setHeader('Content-Type', type);
          response.end(readFileSync(path));
        });
      },
      'astro:build:done': ({ dir }) => {
        cpSync(join(root, OPEN_DATA_DIR), fileURLToPath(dir), { recursive: true });
      },
    },
  };
}
