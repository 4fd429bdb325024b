import { readFileSync } from 'node:fs';
import type { APIRoute } from 'astro';
import { hashTree } from '../core/files/tree-hash.ts';
import { buildReferenceDate, builtCommit, projectPath } from '../site/build-facts.ts';

/** Tools whose versions shape the output; read from the installed packages (pinned by the lockfile). */
const TOOLS = ['astro', 'pagefind', 'yaml', 'ajv', 'd3-scale'];

function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(projectPath('node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * What this site was built from, so anyone can check a deployment against a commit: no build time
 * or random value, only facts of the commit and the toolchain.
 */
export const GET: APIRoute = () => {
  const built = builtCommit();
  const build = {
    commit: built?.commit ?? null,
    commit_date: built?.date ?? null,
    // The day every status, deadline and calendar of the site is computed at.
    reference_date: buildReferenceDate() ?? null,
    content_sha256: hashTree(projectPath('content')),
    schemas_sha256: hashTree(projectPath('schemas')),
    tools: { node: process.versions.node, ...Object.fromEntries(TOOLS.map((name) => [name, installedVersion(name)])) },
  };
  return new Response(`${JSON.stringify(build, null, 2)}\n`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
