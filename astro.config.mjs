// @ts-check
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { openData } from './src/integrations/open-data.ts';
import { pagefindIndex } from './src/integrations/pagefind.ts';

// The public address of the site; deployments set SITE_URL, local builds use a placeholder origin.
const site = process.env.SITE_URL ?? 'https://certidocs.example.org';
// The path the site is served under, e.g. "/certidocs/" for a GitHub Pages project site.
const base = process.env.BASE_PATH || '/';

export default defineConfig({
  site,
  base,
  // Inside the project rather than node_modules/.astro, so that test copies sharing node_modules do not share caches.
  cacheDir: './.cache/astro',
  trailingSlash: 'always',
  integrations: [mdx(), sitemap({ filter: (page) => !page.includes('/recherche/') }), openData(), pagefindIndex()],
  // Every stylesheet is a file: the Content-Security-Policy allows styles from the site itself only.
  build: { format: 'directory', inlineStylesheets: 'never' },
  // Record pages and lists give a cacheKey (src/site/page-cache.ts): a rebuild copies the unchanged ones from
  // .cache/astro. Keeping those copies makes a build from scratch a quarter slower, which a build that has no
  // cache to reuse (a fresh clone, the deployment, the tests) need not pay: CERTIDOCS_INCREMENTAL=off there.
  experimental: { incrementalBuild: process.env.CERTIDOCS_INCREMENTAL !== 'off' },
});
