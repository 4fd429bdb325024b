/** `node src/cli/search-index.ts [--dir dist]`: writes the search index of a built site, as `npm run build` does at its end. */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { BUNDLE_PAGES_VARIABLE, bundlePagesOf, writeSearchIndex } from '../core/search/search-index.ts';
import { parseCommandLine, runIfEntryPoint } from './arguments.ts';

const USAGE = `Utilisation : node src/cli/search-index.ts [--dir DOSSIER]
  --dir   dossier du site construit (par défaut : dist)
  ${BUNDLE_PAGES_VARIABLE}   nombre de pages par lot de l'index (par défaut : ${bundlePagesOf(undefined)})`;

/** Runs the command and returns its exit code: 0 indexed, 1 Pagefind failed, 2 bad usage or no site. */
export async function main(argv: string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
  const parsed = parseCommandLine(argv, { dir: { type: 'string' } }, USAGE, out, err);
  if (typeof parsed === 'number') return parsed;
  const dir = resolve((parsed.values.dir as string | undefined) ?? 'dist');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    err(`Dossier du site introuvable : ${dir}\n  → Construisez d'abord le site : npm run build\n`);
    return 2;
  }
  let bundlePages: number;
  try {
    bundlePages = bundlePagesOf(process.env[BUNDLE_PAGES_VARIABLE]);
  } catch (error) {
    err(`${(error as Error).message}\n`);
    return 2;
  }
  try {
    const { pages, bundles } = await writeSearchIndex(dir, bundlePages);
    out(`${pages} pages indexées pour la recherche, en ${bundles} lot${bundles > 1 ? 's' : ''}.\n`);
    return 0;
  } catch (error) {
    err(`Index de recherche non écrit : ${(error as Error).message}\n`);
    return 1;
  }
}

runIfEntryPoint(import.meta.url, main);
