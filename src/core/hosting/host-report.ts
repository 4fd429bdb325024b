/** Says in French how a built site fits a host: one line per limit, and for each one exceeded, by how much and what weighs most. */
import { formatFileSize, formatNumber } from '../text/french.ts';
import { workflowData, workflowProperty } from '../validation/reporters.ts';
import { exceeded } from './host-check.ts';
import type { HostCheck, LimitResult } from './host-check.ts';
import type { Measure } from './host-limits.ts';
import type { Contributor } from './site-measure.ts';

export const HOST_FORMATS = ['text', 'github'] as const;
export type HostFormat = (typeof HOST_FORMATS)[number];

/** The README section that says which host fits which size. */
const HOSTS_SECTION = 'README.md, section « Hosts and site size »';

const LABELS: Record<Measure, string> = {
  files: 'Fichiers',
  entries: 'Fichiers et dossiers',
  siteBytes: 'Taille du site',
  tarBytes: "Taille de l'archive envoyée",
  fileBytes: 'Plus gros fichier',
  folderFiles: 'Fichiers dans un même dossier',
};

const isSize = (measure: Measure): boolean => measure === 'siteBytes' || measure === 'tarBytes' || measure === 'fileBytes';

/** A value of a measure: « 12 345 » files or « 1,4 Go ». */
function formatValue(measure: Measure, value: number): string {
  return isSize(measure) ? formatFileSize(value) : formatNumber(value);
}

/** What each exceeded measure lists under it: route groups, the files too large, or the folders too full. */
const CONTRIBUTORS_HEADING: Record<Measure, string> = {
  files: 'ce qui pèse le plus',
  entries: 'ce qui pèse le plus',
  siteBytes: 'ce qui pèse le plus',
  tarBytes: 'ce qui pèse le plus',
  fileBytes: 'fichiers trop gros',
  folderFiles: 'dossiers trop pleins',
};

/** « certifications/<id>/index.html : 25 638 fichiers, 1,1 Go », or « big.json : 30 Mo » for a single file. */
function formatContributor(measure: Measure, contributor: Contributor): string {
  if (measure === 'fileBytes') return `${contributor.label} : ${formatFileSize(contributor.bytes)}`;
  const files = `${formatNumber(contributor.files)} fichier${contributor.files > 1 ? 's' : ''}`;
  return `${contributor.label} : ${files}, ${formatFileSize(contributor.bytes)}`;
}

/** « Taille du site : 1,4 Go, limite de GitHub Pages 1,1 Go : 326,3 Mo de trop ». */
function overLine(check: HostCheck, result: LimitResult): string {
  const { measure, max } = result.limit;
  return `${LABELS[measure]} : ${formatValue(measure, result.value)}, limite de ${check.host.name} ${formatValue(measure, max)} : ${formatValue(measure, result.over)} de trop`;
}

/** The whole report: text lines, preceded in the github format by one ::error:: per exceeded limit. */
export function renderHostCheck(check: HostCheck, site: string, format: HostFormat): string {
  const over = exceeded(check);
  const lines: string[] = [];
  if (format === 'github')
    for (const result of over)
      lines.push(
        `::error title=${workflowProperty(`${check.host.name} : ${LABELS[result.limit.measure]}`)}::${workflowData(overLine(check, result))}`,
      );
  if (over.length === 0) {
    lines.push(`${site} tient dans les limites de ${check.host.name} :`);
    for (const { limit, value } of check.results)
      lines.push(
        `  ${LABELS[limit.measure]} : ${formatValue(limit.measure, value)} sur ${formatValue(limit.measure, limit.max)} autorisés`,
      );
    return lines.join('\n') + '\n';
  }
  lines.push(`${site} dépasse ${over.length > 1 ? `${over.length} limites` : 'une limite'} de ${check.host.name} :`);
  for (const result of over) {
    lines.push(`  ${overLine(check, result)}`);
    lines.push(`    source : ${result.limit.source}`);
    lines.push(`    ${CONTRIBUTORS_HEADING[result.limit.measure]} :`);
    for (const contributor of result.contributors) lines.push(`      ${formatContributor(result.limit.measure, contributor)}`);
  }
  lines.push(`  → Réduisez ce qui pèse le plus, ou choisissez un hébergeur qui accepte ce site : ${HOSTS_SECTION}.`);
  return lines.join('\n') + '\n';
}
