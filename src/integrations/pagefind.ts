/** Builds the Pagefind search index over the finished static site, in French, at the end of `astro build`. */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { BUNDLE_PAGES_VARIABLE, bundlePagesOf, writeSearchIndex } from '../core/search/search-index.ts';

export function pagefindIndex(): AstroIntegration {
  return {
    name: 'certidocs-pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        // The benchmark times indexing as its own phase, with src/cli/search-index.ts.
        if (process.env.CERTIDOCS_PAGEFIND === 'off') return;
        const { pages, bundles } = await writeSearchIndex(fileURLToPath(dir), bundlePagesOf(process.env[BUNDLE_PAGES_VARIABLE]));
        logger.info(`${pages} pages indexées pour la recherche, en ${bundles} lot${bundles > 1 ? 's' : ''}`);
      },
    },
  };
}
