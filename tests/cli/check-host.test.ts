import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/check-host.ts';
import { HOSTS } from '../../src/core/hosting/host-limits.ts';
import { runCommand } from '../helpers/command.ts';
import { PROJECT_ROOT } from '../helpers/content-tree.ts';

const NBSP = '\u00a0';
const THIN = '\u202f';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function makeSite(fill: (root: string) => void): string {
  const root = mkdtempSync(join(tmpdir(), 'certidocs-host-'));
  roots.push(root);
  fill(root);
  return root;
}

const runMain = (args: string[]) => runCommand(main, args);

// ./ and index.html headers, 1,000 bytes padded to 1,024, two end blocks: 3,072 bytes, one 10,240-byte record.
const small = makeSite((root) => writeFileSync(join(root, 'index.html'), 'x'.repeat(1000)));

// One byte over Cloudflare's 25 MiB per file (a sparse file: nothing is written).
const oversized = makeSite((root) => {
  mkdirSync(join(root, 'api'));
  writeFileSync(join(root, 'api/big.json'), '');
  truncateSync(join(root, 'api/big.json'), 25 * 1024 * 1024 + 1);
});

// 20,003 files in one folder, three over Cloudflare's free plan.
const crowded = makeSite((root) => {
  mkdirSync(join(root, 'pagefind/fragment'), { recursive: true });
  for (let i = 0; i < 20_002; i++) writeFileSync(join(root, `pagefind/fragment/fr_${i}.pf_fragment`), '');
  writeFileSync(join(root, 'index.html'), 'x'.repeat(2000));
});

describe('npm run check:host', () => {
  it('prints each limit with the value and the limit when the site fits', () => {
    const { code, stdout } = runMain(['--host', 'github-pages', '--dir', small]);
    expect(code).toBe(0);
    expect(stdout).toBe(
      `${small}/ tient dans les limites de GitHub Pages :\n  Taille de l'archive envoyée : 10,2${NBSP}ko sur 1,1${NBSP}Go autorisés\n`,
    );
  });

  it('says which limit is exceeded, by how much, which file, where the limit is documented, and what to do', () => {
    const { code, stdout } = runMain(['--host', 'cloudflare-pages', '--dir', oversized]);
    expect(code).toBe(1);
    expect(stdout.split('\n')).toEqual([
      `${oversized}/ dépasse une limite de Cloudflare Pages (offre gratuite) :`,
      `  Plus gros fichier : 26,2${NBSP}Mo, limite de Cloudflare Pages (offre gratuite) 26,2${NBSP}Mo : 1${NBSP}octet de trop`,
      '    source : https://developers.cloudflare.com/pages/platform/limits/#file-size',
      '    fichiers trop gros :',
      `      api/big.json : 26,2${NBSP}Mo`,
      '  → Réduisez ce qui pèse le plus, ou choisissez un hébergeur qui accepte ce site : README.md, section « Hosts and site size ».',
      '',
    ]);
  });

  it('points to a README section that exists and lists every host', () => {
    const section = /README\.md, section « (.+) »/.exec(runMain(['--host', 'cloudflare-pages', '--dir', oversized]).stdout)?.[1];
    const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
    const body = readme.split(`\n## ${section}\n`)[1]?.split('\n## ')[0] ?? '';
    expect(body).not.toBe('');
    for (const host of HOSTS) expect(body).toContain(`| \`${host.id}\` |`);
  });

  it('groups the files that weigh most on a file count by route', () => {
    const { code, stdout } = runMain(['--host', 'cloudflare-pages', '--dir', crowded]);
    expect(code).toBe(1);
    expect(stdout).toContain(`  Fichiers : 20${THIN}003, limite de Cloudflare Pages (offre gratuite) 20${THIN}000 : 3 de trop\n`);
    expect(stdout).toContain(
      `    ce qui pèse le plus :\n      pagefind/fragment/* : 20${THIN}002 fichiers, 0${NBSP}octet\n      index.html : 1 fichier, 2${NBSP}ko\n`,
    );
  });

  it('adds one ::error:: workflow command per exceeded limit with --format github', () => {
    const { code, stdout } = runMain(['--host', 'cloudflare-pages', '--dir', oversized, '--format', 'github']);
    expect(code).toBe(1);
    expect(stdout.split('\n')[0]).toBe(
      `::error title=Cloudflare Pages (offre gratuite) %3A Plus gros fichier::Plus gros fichier : 26,2${NBSP}Mo, limite de Cloudflare Pages (offre gratuite) 26,2${NBSP}Mo : 1${NBSP}octet de trop`,
    );
    expect(stdout.split('\n')[1]).toBe(`${oversized}/ dépasse une limite de Cloudflare Pages (offre gratuite) :`);
  });

  it('passes the same site on a host whose limits it fits', () => {
    expect(runMain(['--host', 'cloudflare-pages-paid', '--dir', crowded]).code).toBe(0);
  });

  it('lists the known hosts when the host is unknown or missing (exit 2)', () => {
    for (const args of [['--host', 'heroku'], []]) {
      const { code, stderr } = runMain([...args, '--dir', small]);
      expect(code).toBe(2);
      expect(stderr).toContain('Hébergeurs connus : github-pages, gitlab-pages, cloudflare-pages, cloudflare-pages-paid, netlify.');
    }
    expect(runMain(['--host', 'heroku']).stderr).toMatch(/^Hébergeur inconnu : heroku\./);
    expect(runMain([]).stderr).toMatch(/^Précisez l'hébergeur avec --host\./);
  });

  it('asks to build the site when the folder is missing (exit 2)', () => {
    const missing = join(small, 'dist');
    const { code, stdout, stderr } = runMain(['--host', 'github-pages', '--dir', missing]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`Dossier du site introuvable : ${missing}\n  → Construisez d'abord le site : npm run build\n`);
  });

  it('refuses an unknown format or option (exit 2)', () => {
    expect(runMain(['--host', 'github-pages', '--dir', small, '--format', 'json']).stderr).toMatch(/^Format inconnu : json\n/);
    expect(runMain(['--host', 'github-pages', '--taille']).code).toBe(2);
  });
});
