/** Renders diagnostics for a terminal, for machines (JSON) or as GitHub Actions annotations. */
import type { Diagnostic } from './diagnostic.ts';
import { countDiagnostics } from './diagnostic.ts';

export const FORMATS = ['text', 'json', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export interface Report {
  files: string[];
  diagnostics: Diagnostic[];
}

/** Renders a report in the chosen format; colour only applies to text. */
export function render(report: Report, format: Format, colour = false): string {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'github':
      return renderGithub(report);
    default:
      return renderText(report, colour);
  }
}

/** The French summary line: "4 fichiers vérifiés : 0 erreur, 2 avertissements." */
export function summaryLine(report: Report): string {
  const { errors, warnings } = countDiagnostics(report.diagnostics);
  const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;
  return `${plural(report.files.length, 'fichier')} ${report.files.length > 1 ? 'vérifiés' : 'vérifié'} : ${plural(errors, 'erreur')}, ${plural(warnings, 'avertissement')}.`;
}

function renderText(report: Report, colour: boolean): string {
  const paint = (code: string, text: string) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  for (const d of report.diagnostics) {
    const severity = d.severity === 'error' ? paint('31', 'error') : paint('33', 'warning');
    lines.push(`${d.file}:${d.line}:${d.column} ${severity} ${d.message} ${paint('2', `[${d.rule}]`)}`);
    lines.push(`  ${paint('36', '→')} ${d.hint}`);
  }
  lines.push(summaryLine(report));
  return lines.join('\n') + '\n';
}

function renderJson(report: Report): string {
  const summary = countDiagnostics(report.diagnostics);
  return JSON.stringify({ files: report.files, summary, diagnostics: report.diagnostics }, null, 2) + '\n';
}

/** A workflow command's message, escaped: https://docs.github.com/actions/reference/workflow-commands-for-github-actions */
export function workflowData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value (file=, title=), escaped. */
export function workflowProperty(text: string): string {
  return workflowData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function renderGithub(report: Report): string {
  const lines = report.diagnostics.map(
    (d) =>
      `::${d.severity} file=${workflowProperty(d.file)},line=${d.line},col=${d.column},title=${workflowProperty(d.rule)}::${workflowData(`${d.message}\n${d.hint}`)}`,
  );
  lines.push(summaryLine(report));
  return lines.join('\n') + '\n';
}
