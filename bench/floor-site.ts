/**
 * The framework floor: a bare Astro site rendering one trivial page (title and objectives) per imported record,
 * RNCP and RS, from the same YAML with the built-in glob() loader. What any Astro site of that many records costs.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CONFIG = `import { defineConfig } from 'astro/config';
export default defineConfig({ site: 'https://floor.example.org', cacheDir: './.cache/astro' });
`;

const PAGE = `---
import { getCollection } from 'astro:content';
export async function getStaticPaths() {
  return (await getCollection('records')).map((entry) => ({ params: { id: entry.id }, props: { entry } }));
}
const { entry } = Astro.props;
---
<html lang="fr"><head><meta charset="utf-8" /><title>{entry.data.intitule}</title></head><body><h1>{entry.data.intitule}</h1><p>{entry.data.objectifs}</p></body></html>
`;

/** Writes the floor site into dir, reading the records of contentDir's certifications/ and rs/ folders. */
export function writeFloorSite(dir: string, contentDir: string, nodeModules: string): void {
  mkdirSync(join(dir, 'src/pages'), { recursive: true });
  symlinkSync(nodeModules, join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(dir, 'astro.config.mjs'), CONFIG);
  const loader = `glob({ pattern: '{certifications,rs}/*.yaml', base: ${JSON.stringify(contentDir)} })`;
  writeFileSync(
    join(dir, 'src/content.config.ts'),
    `import { defineCollection } from 'astro:content';\nimport { glob } from 'astro/loaders';\nexport const collections = { records: defineCollection({ loader: ${loader} }) };\n`,
  );
  // Entry ids keep their folder (certifications/rncp10000): a rest parameter renders them as nested paths.
  writeFileSync(join(dir, 'src/pages/[...id].astro'), PAGE);
}
