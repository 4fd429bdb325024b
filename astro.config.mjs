// @ts-check
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { pagefindIndex } from './src/integrations/pagefind.ts';

// The public address of the site; deployments set SITE_URL, local builds use a placeholder origin.
const site = process.env.SITE_URL ?? 'https://certidocs.example.org';

export default defineConfig({
  site,
  trailingSlash: 'always',
  integrations: [mdx(), sitemap({ filter: (page) => !page.includes('/recherche/') }), pagefindIndex()],
  build: { format: 'directory' },
});
