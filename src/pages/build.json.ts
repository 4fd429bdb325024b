import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIRoute } from 'astro';
import { headCommit, headCommitDate } from '../core/history/git.ts';
import { hashTree } from '../core/files/tree-hash.ts';

/** Tools whose versions shape the output; read from the installed packages (pinned by the lockfile). */
const TOOLS = ['astro', 'pagefind', 'yaml', 'ajv', 'd3-scale'];

// Builds run from the project root, so process.cwd() is where content/, schemas/ and node_modules/ live.
const root = process.cwd();

function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * What this site was built from, so anyone can check a deployment against a commit: no build time
 * or random value, only facts of the commit and the toolchain.
 */
export const GET: APIRoute = () => {
  const build = {
    commit: headCommit(root) ?? null,
    commit_date: headCommitDate(root) ?? null,
    content_sha256: hashTree(join(root, 'content')),
    schemas_sha256: hashTree(join(root, 'schemas')),
    tools: { node: process.versions.node, ...Object.fromEntries(TOOLS.map((name) => [name, installedVersion(name)])) },
  };
  return new Response(`${JSON.stringify(build, null, 2)}\n`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
