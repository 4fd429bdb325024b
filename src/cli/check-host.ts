/** `npm run check:host -- --host <id>`: checks the built site against a static host's limits before any upload; exit 1 when it does not fit. */
import { existsSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { checkHost, exceeded } from '../core/hosting/host-check.ts';
import { findHost, HOSTS } from '../core/hosting/host-limits.ts';
import { HOST_FORMATS, renderHostCheck } from '../core/hosting/host-report.ts';
import type { HostFormat } from '../core/hosting/host-report.ts';
import { listSite } from '../core/hosting/site-measure.ts';
import { parseCommandLine, runIfEntryPoint } from './arguments.ts';

const HOST_IDS = HOSTS.map((host) => host.id).join(', ');

const USAGE = `Utilisation : npm run check:host -- --host HÉBERGEUR [--dir DOSSIER] [--format text|github]
  --host     ${HOST_IDS}
  --dir      dossier du site construit (par défaut : dist)
  --format   text (par défaut), ou github (annotations GitHub Actions)`;

/** Runs the command and returns its exit code: 0 the site fits, 1 it exceeds a limit, 2 bad usage or no site. */
export function main(argv: string[], out: (text: string) => void, err: (text: string) => void): number {
  const parsed = parseCommandLine(argv, { host: { type: 'string' }, dir: { type: 'string' }, format: { type: 'string' } }, USAGE, out, err);
  if (typeof parsed === 'number') return parsed;
  const values = parsed.values as { host?: string; dir?: string; format?: string };
  const format = (values.format ?? 'text') as HostFormat;
  if (!HOST_FORMATS.includes(format)) {
    err(`Format inconnu : ${values.format}\n${USAGE}\n`);
    return 2;
  }
  const host = values.host === undefined ? undefined : findHost(values.host);
  if (!host) {
    const said = values.host === undefined ? "Précisez l'hébergeur avec --host." : `Hébergeur inconnu : ${values.host}.`;
    err(`${said} Hébergeurs connus : ${HOST_IDS}.\n${USAGE}\n`);
    return 2;
  }
  const dir = resolve(values.dir ?? 'dist');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    err(`Dossier du site introuvable : ${dir}\n  → Construisez d'abord le site : npm run build\n`);
    return 2;
  }
  let listing;
  try {
    listing = listSite(dir);
  } catch (error) {
    err(`Lecture du site impossible : ${(error as Error).message}\n`);
    return 2;
  }
  const check = checkHost(listing, host);
  const shown = relative(process.cwd(), dir);
  out(renderHostCheck(check, shown.startsWith('..') ? `${dir}/` : `${shown || '.'}/`, format));
  return exceeded(check).length > 0 ? 1 : 0;
}

runIfEntryPoint(import.meta.url, main);
