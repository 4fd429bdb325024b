/**
 * What an import did, for the publisher and the pull request: counts, the values left out and why, the ROME
 * labels the records disagree on, the corrections to look at again, and the semantic diff of the changed
 * records (the engine of `npm run diff`). In text, Markdown (a pull-request body) or JSON.
 */
import { recordChangeLines } from '../diff/diff-format.ts';
import type { RecordChange } from '../diff/semantic-diff.ts';
import { formatDate, formatNumber, quote } from '../text/french.ts';
import type { DroppedValue } from './flow-mapping.ts';
import type { LabelChoice } from './rome-labels.ts';
import type { Registry } from './flow-sources.ts';

export const IMPORT_FORMATS = ['text', 'markdown', 'json'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface ImportReport {
  file: string;
  registry?: Registry;
  exportDate?: string | undefined;
  dryRun: boolean;
  counts: {
    read: number;
    added: number;
    changed: number;
    unchanged: number;
    markedAbsent: number;
    romeAdded: number;
    romeChanged: number;
  };
  /** Values of the flow left out of their record, with the reason. */
  dropped: DroppedValue[];
  /** Records of the export not imported at all. */
  rejected: { record: string; reason: string; line: number; column: number }[];
  /** Records whose file in content/ could not be merged (unreadable, or the merge would be invalid): left as they are. */
  notImported: { record: string; file: string; problems: string[] }[];
  /** ROME codes the records label differently: the label kept and the others. */
  romeLabels: LabelChoice[];
  /** ROME sheets whose label comes from another source: kept, the flow's label differs. */
  romeKept: { code: string; kept: string; flow: string }[];
  staleCorrections: { record: string; file: string; pointer: string; noted: unknown; published: unknown }[];
  /** Elements of the flow the importer does not know (not imported), with the number of records that have them. */
  unknownElements: { name: string; count: number }[];
  notes: string[];
  changes: RecordChange[];
}

export function emptyReport(file: string, dryRun: boolean): ImportReport {
  return {
    file,
    dryRun,
    counts: { read: 0, added: 0, changed: 0, unchanged: 0, markedAbsent: 0, romeAdded: 0, romeChanged: 0 },
    dropped: [],
    rejected: [],
    notImported: [],
    romeLabels: [],
    romeKept: [],
    staleCorrections: [],
    unknownElements: [],
    notes: [],
    changes: [],
  };
}

const n = (count: number) => formatNumber(count);
const value = (v: unknown) => (v === undefined ? '(rien)' : typeof v === 'string' ? quote(v) : JSON.stringify(v));

/** The report's title and the count lines, shared by text and Markdown. */
function summary(report: ImportReport): { title: string; lines: string[] } {
  const date = report.exportDate ? `du ${formatDate(report.exportDate)}` : 'sans date';
  const title =
    `${report.dryRun ? 'Essai d’import (rien n’est écrit)' : 'Import'} de l'export ${report.registry ?? ''} ${date} : ${report.file}`.replace(
      / {2,}/g,
      ' ',
    );
  const c = report.counts;
  return {
    title,
    lines: [
      `${n(c.read)} fiches lues : ${n(c.added)} ajoutées, ${n(c.changed)} modifiées, ${n(c.unchanged)} inchangées, ${n(report.rejected.length)} écartées.`,
      `${n(c.markedAbsent)} fiches absentes de l'export marquées comme telles (aucune n'est supprimée).`,
      `Fiches ROME : ${n(c.romeAdded)} créées, ${n(c.romeChanged)} mises à jour.`,
      `${n(report.dropped.length)} valeurs écartées (non conformes), ${n(report.notImported.length)} fichiers laissés tels quels (fusion impossible).`,
    ],
  };
}

/** Every finding besides the counts, as sections of lines. */
function sections(report: ImportReport): { title: string; lines: string[] }[] {
  const result: { title: string; lines: string[] }[] = [];
  const add = (title: string, lines: string[]) => {
    if (lines.length > 0) result.push({ title, lines });
  };
  add('Remarques', report.notes);
  add(
    'Fiches écartées',
    report.rejected.map((r) => `${r.record} (ligne ${r.line}) : ${r.reason}.`),
  );
  add(
    'Fichiers laissés tels quels',
    report.notImported.map((r) => `${r.record} (${r.file}) : ${r.problems.join(' ; ')}`),
  );
  add(
    'Valeurs écartées',
    report.dropped.map((d) => `${d.record} › ${d.element} (ligne ${d.line}) : ${value(d.value)} — ${d.reason}.`),
  );
  add(
    'Intitulés ROME divergents (règle : l’intitulé donné par le plus de fiches, puis le premier rencontré)',
    report.romeLabels.map(
      (choice) =>
        `${choice.code} : ${quote(choice.label)} retenu (${n(choice.records.length)} fiches) ; écartés : ${choice.others
          .map((o) => `${quote(o.label)} (${o.records.join(', ')})`)
          .join(' ; ')}.`,
    ),
  );
  add(
    'Fiches ROME gardées avec leur intitulé d’une autre source',
    report.romeKept.map((r) => `${r.code} : ${quote(r.kept)} gardé ; le flux donne ${quote(r.flow)}.`),
  );
  add(
    'Corrections à revoir (le flux publie autre chose que la valeur notée)',
    report.staleCorrections.map((c) => `${c.record} ${c.pointer} (${c.file}) : notée ${value(c.noted)}, publiée ${value(c.published)}.`),
  );
  add(
    'Éléments du flux inconnus de l’importeur (non importés)',
    report.unknownElements.map((u) => `${u.name} : ${n(u.count)} fiches.`),
  );
  const changed = report.changes.filter((c) => c.kind !== 'added');
  add(
    'Changements des fiches existantes',
    changed.flatMap((record) => [`${record.id} (${record.file}) :`, ...recordChangeLines(record).map((line) => `  ${line}`)]),
  );
  add(
    'Fiches ajoutées',
    report.changes.filter((c) => c.kind === 'added').map((c) => `${c.id}${c.title ? ` ${quote(c.title)}` : ''} (${c.file})`),
  );
  return result;
}

export function renderImportReport(report: ImportReport, format: ImportFormat): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  const { title, lines } = summary(report);
  const parts = sections(report);
  if (format === 'markdown') {
    const out = [`## ${title}`, '', ...lines.map((line) => `- ${line}`), ''];
    for (const section of parts) {
      // The lines quote the flow's text: a fence longer than any run of backticks in them keeps it inert.
      const longestRun = Math.max(0, ...section.lines.flatMap((line) => (line.match(/`+/g) ?? []).map((run) => run.length)));
      const fence = '`'.repeat(Math.max(3, longestRun + 1));
      out.push(
        `<details><summary>${section.title} (${n(section.lines.length)})</summary>`,
        '',
        `${fence}text`,
        ...section.lines,
        fence,
        '',
        '</details>',
        '',
      );
    }
    return out.join('\n');
  }
  const out = [title, ...lines.map((line) => `  ${line}`), ''];
  for (const section of parts) out.push(`${section.title} :`, ...section.lines.map((line) => `  ${line}`), '');
  return out.join('\n');
}
