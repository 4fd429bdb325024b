/**
 * vitest globalSetup: builds the site ONCE for the whole run in a throwaway copy of the project,
 * serves its dist/ on a free loopback port, and hands both to the tests through provide/inject
 * (`inject('siteDist')`, `inject('siteUrl')`). Everything is removed when the run ends.
 */
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { build, copyProject, removeProject } from './helpers/astro-project.ts';
import { serveDirectory } from './helpers/built-site.ts';

/** The date the shared build computes statuses at; tests read it back from dist/build.json. */
export const REFERENCE_DATE = '2026-11-15';

/** The most a part of a dump weighs in the shared build: a few records. */
export const DUMP_PART_TEST_BYTES = 50_000;

export default async function setup({ provide }: TestProject): Promise<() => Promise<void>> {
  const root = copyProject();
  // The copy has no git history: statuses are computed at a fixed date, the way a reader would see them that day.
  // Dumps in parts of a few records, so that every test of the downloads reads a dump in parts.
  const { status, output } = build(root, {
    SOURCE_DATE_EPOCH: String(Date.parse(`${REFERENCE_DATE}T00:00:00Z`) / 1000),
    CERTIDOCS_DUMP_PART_BYTES: String(DUMP_PART_TEST_BYTES),
  });
  if (status !== 0) {
    removeProject(root);
    throw new Error(`tests/global-setup.ts: astro build failed (exit status ${status}); no test can run on the built site.\n\n${output}`);
  }
  const dist = join(root, 'dist');
  const server = await serveDirectory(dist);
  provide('siteDist', dist);
  provide('siteUrl', server.url);
  return async () => {
    await server.close();
    removeProject(root);
  };
}
