/** Builds the Pagefind search index over the finished static site, in French, at the end of `astro build`. */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';
import { INDEXED_PAGES } from './search-scope.ts';

export function pagefindIndex(): AstroIntegration {
  return {
    name: 'certidocs-pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        // The benchmark times indexing as its own phase, with Pagefind's command line.
        if (process.env.CERTIDOCS_PAGEFIND === 'off') return;
        const site = fileURLToPath(dir);
        const { index, errors } = await pagefind.createIndex({ forceLanguage: 'fr' });
        try {
          if (!index) throw new Error(`Pagefind n'a pas démarré : ${errors.join(' ; ')}`);
          const added = await index.addDirectory({ path: site, glob: INDEXED_PAGES });
          if (added.errors.length > 0) throw new Error(`Indexation impossible : ${added.errors.join(' ; ')}`);
          const written = await index.writeFiles({ outputPath: join(site, 'pagefind') });
          if (written.errors.length > 0) throw new Error(`Index non écrit : ${written.errors.join(' ; ')}`);
          logger.info(`${added.page_count} pages indexées pour la recherche`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
