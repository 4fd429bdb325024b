/** Renders record changes as plain text (terminal), Markdown (a pull-request comment) or JSON. */
import { quote } from '../text/french.ts';
import type { Change, RecordChange, RecordChangeKind } from './semantic-diff.ts';

export const DIFF_FORMATS = ['text', 'markdown', 'json'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

/** One end of the comparison: a commit (as the user named it, and its hash) or the working tree. */
export type DiffEnd = { ref: string; commit: string } | { workingTree: true };

export interface DiffReport {
  from: DiffEnd;
  to: DiffEnd;
  records: RecordChange[];
}

/** Renders a report; colour only applies to text. */
export function renderDiff(report: DiffReport, format: DiffFormat, colour = false): string {
  switch (format) {
    case 'json':
      return (
        JSON.stringify({ from: report.from, to: report.to, summary: summarize(report.records), records: report.records }, null, 2) + '\n'
      );
    case 'markdown':
      return renderMarkdown(report);
    default:
      return renderText(report, colour);
  }
}

const KIND_WORDS: Record<RecordChangeKind, string> = {
  added: 'ajoutée',
  removed: 'supprimée',
  renamed: 'renommée',
  changed: 'modifiée',
};

function summarize(records: readonly RecordChange[]): Record<RecordChangeKind, number> & { changes: number } {
  const count = (kind: RecordChangeKind) => records.filter((r) => r.kind === kind).length;
  return {
    added: count('added'),
    removed: count('removed'),
    renamed: count('renamed'),
    changed: count('changed'),
    changes: records.reduce((sum, r) => sum + r.changes.length, 0),
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;

/** "3 fiches concernées : 1 ajoutée, 2 modifiées ; 4 changements." or "Aucun changement dans les fiches." */
function summaryLine(records: readonly RecordChange[]): string {
  if (records.length === 0) return 'Aucun changement dans les fiches.';
  const summary = summarize(records);
  const kinds = (['added', 'removed', 'renamed', 'changed'] as const)
    .filter((kind) => summary[kind] > 0)
    .map((kind) => plural(summary[kind], KIND_WORDS[kind]));
  return `${plural(records.length, 'fiche')} ${records.length > 1 ? 'concernées' : 'concernée'} : ${kinds.join(', ')} ; ${plural(summary.changes, 'changement')}.`;
}

function endName(end: DiffEnd): string {
  return 'workingTree' in end ? 'la copie de travail' : `${end.ref} (${end.commit.slice(0, 7)})`;
}

/** What happened at the end of a path: « : a → b », « — ajout : a », « — déplacement : position 3 → 4 ». */
function describeChange(change: Change): string {
  switch (change.op) {
    case 'set':
      return ` : ${change.shown.before} → ${change.shown.after}`;
    case 'add':
      return ` — ajout : ${change.shown.after}`;
    case 'remove':
      return ` — suppression : ${change.shown.before}`;
    case 'move':
      return ` — déplacement : position ${change.from! + 1} → ${change.to! + 1}`;
  }
}

/** One change on one line, from the record's id: « K1704 › salaires (T1 2025) › 1830–3049 € › part des offres : 44,29 % → 45,1 % ». */
function changeLine(record: RecordChange, change: Change): string {
  return [record.id, ...change.path].join(' › ') + describeChange(change);
}

/** A record's changes as lines without its id, unreadable versions first: « salaires (T1 2025) › … : 44,29 % → 45,1 % ». */
export function recordChangeLines(record: RecordChange): string[] {
  return [...unreadableNotes(record), ...record.changes.map((change) => change.path.join(' › ') + describeChange(change))];
}

function heading(record: RecordChange): string {
  const title = record.title === undefined ? '' : ` ${quote(record.title)}`;
  return `${record.id}${title} — fiche ${KIND_WORDS[record.kind]}`;
}

/** Notes for versions that could not be read: no field-by-field comparison for them. */
function unreadableNotes(record: RecordChange): string[] {
  const notes: string[] = [];
  for (const [side, problem] of [
    ['ancienne', record.unreadable?.before],
    ['nouvelle', record.unreadable?.after],
  ] as const) {
    if (problem !== undefined) notes.push(`${side} version illisible, pas de comparaison champ par champ : ${problem}`);
  }
  return notes;
}

function filesOf(record: RecordChange): string {
  return record.previousFile === undefined ? record.file : `${record.previousFile} → ${record.file}`;
}

function renderText(report: DiffReport, colour: boolean): string {
  const paint = (code: string, text: string) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines = [`Changements des fiches de ${endName(report.from)} à ${endName(report.to)}`, ''];
  for (const record of report.records) {
    lines.push(`${paint('1', heading(record))} (${filesOf(record)})`);
    for (const note of unreadableNotes(record)) lines.push(`  ${record.id} — ${paint('33', note)}`);
    for (const change of record.changes) lines.push(`  ${changeLine(record, change)}`);
    lines.push('');
  }
  lines.push(summaryLine(report.records));
  return lines.join('\n') + '\n';
}

/** Backslash-escapes what Markdown would read as markup, so values print as written. */
function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>#|~&]/g, '\\$&')
    .replace(/^[-+]/, '\\$&')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** A code span that holds any text (a fence longer than the longest run of backticks inside). */
function code(text: string): string {
  const fence = '`'.repeat(Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  return text.startsWith('`') || text.endsWith('`') ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}

function markdownEnd(end: DiffEnd): string {
  return 'workingTree' in end ? 'la copie de travail' : `${code(end.ref)} (${code(end.commit.slice(0, 7))})`;
}

function renderMarkdown(report: DiffReport): string {
  const lines = [
    '## Changements des fiches',
    '',
    `De ${markdownEnd(report.from)} à ${markdownEnd(report.to)} — ${escapeMarkdown(summaryLine(report.records))}`,
  ];
  for (const record of report.records) {
    const files = record.previousFile === undefined ? code(record.file) : `${code(record.previousFile)} → ${code(record.file)}`;
    lines.push('', `### ${escapeMarkdown(heading(record))}`, '', files);
    const items = recordChangeLines(record);
    if (items.length > 0) lines.push('', ...items.map((item) => `- ${escapeMarkdown(item)}`));
  }
  return lines.join('\n') + '\n';
}
