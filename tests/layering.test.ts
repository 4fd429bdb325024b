/** The layering rules of .dependency-cruiser.cjs hold on src/, and a wrong import fails with its rule's message. */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './helpers/content-tree.ts';

const DEPCRUISE = join(PROJECT_ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');

/** Runs the layering check as `npm run lint` does, in a project folder. */
function cruise(root: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [DEPCRUISE, 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err-long'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** A copy of the files the check reads, to break on purpose. */
function copyForCruise(): string {
  const root = mkdtempSync(join(tmpdir(), 'certidocs-layers-'));
  for (const path of ['src', '.dependency-cruiser.cjs', 'tsconfig.json', 'package.json']) {
    cpSync(join(PROJECT_ROOT, path), join(root, path), { recursive: true });
  }
  // tsconfig.json extends Astro's, which module resolution needs.
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  return root;
}

describe('layering', () => {
  let copy: string | undefined;
  afterEach(() => {
    if (copy) rmSync(copy, { recursive: true, force: true });
    copy = undefined;
  });

  it('finds no violation in src/', () => {
    const { status, output } = cruise(PROJECT_ROOT);
    expect(output).toContain('no dependency violations found');
    expect(status).toBe(0);
  });

  it.each([
    {
      name: 'the core importing a page helper',
      file: 'src/core/text/suggest.ts',
      line: "import { withBase } from '../../site/urls.ts';\nexport const misplaced = withBase;\n",
      rule: 'core-knows-no-face',
      says: 'src/core is the data core: it must not import the site',
    },
    {
      name: 'the core importing Astro',
      file: 'src/core/text/suggest.ts',
      line: "import { AstroError } from 'astro/errors';\nexport const misplaced = AstroError;\n",
      rule: 'core-knows-no-astro',
      says: 'src/core must run without Astro',
    },
    {
      name: 'the loader importing a command',
      file: 'src/loader/entry.ts',
      line: "import { main } from '../cli/validate.ts';\nexport const misplaced = main;\n",
      rule: 'loader-not-cli',
      says: 'The Astro loader must not import a command from src/cli',
    },
  ])('fails on $name, naming the rule and saying why', ({ file, line, rule, says }) => {
    copy = copyForCruise();
    appendFileSync(join(copy, file), line);
    const { status, output } = cruise(copy);
    expect(status).not.toBe(0);
    expect(output).toContain(`error ${rule}: ${file}`);
    expect(output.replace(/\s+/g, ' ')).toContain(says);
  });
});
