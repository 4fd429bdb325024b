/**
 * Drift: where content/ no longer says what an export says. Compares the flow's fields of each record (and the
 * labels of the ROME sheets the flow labelled) with the export, as the import would write them, and names each
 * difference with its file, line and column. Editor-owned fields and corrections marked as such are not compared.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileNameForId, findKind, RECORD_KINDS } from '../kinds/record-kinds.ts';
import type { RecordKindInfo } from '../kinds/record-kinds.ts';
import { kindRoot, loadSchemaFiles } from '../schemas/schema-store.ts';
import { createValidators } from '../schemas/validator.ts';
import { flowFields, ownersOf } from '../schemas/ownership.ts';
import { readRecordSafely } from '../validation/read-record.ts';
import type { Diagnostic } from '../validation/diagnostic.ts';
import { sortDiagnostics } from '../validation/diagnostic.ts';
import { fromPointer, toPointer } from '../files/json-pointer.ts';
import { diffRecordData } from '../diff/value-diff.ts';
import type { Change } from '../diff/value-diff.ts';
import { quote } from '../text/french.ts';
import { FlowRecords } from './flow-records.ts';
import { mergeRecord } from './merge.ts';

type Data = Record<string, unknown>;

export interface DriftResult {
  /** Project-relative paths of the files compared. */
  files: string[];
  diagnostics: Diagnostic[];
}

const RULE = 'drift';

export async function driftOf(options: {
  root: string;
  contentDir?: string | undefined;
  file: string;
  exportDate?: string | undefined;
}): Promise<DriftResult> {
  const root = options.root;
  const contentDir = options.contentDir ?? join(root, 'content');
  const schemaDir = join(root, 'schemas');
  const schemas = loadSchemaFiles(schemaDir);
  const validators = createValidators(schemas);
  const flow = new FlowRecords(options.file, schemas, validators, {
    exportDate: options.exportDate,
    hasRomeSheet: (code) => existsSync(join(contentDir, findKind('rome')!.folder, fileNameForId(code))),
  });
  const diagnostics: Diagnostic[] = [];
  const files: string[] = [];
  const projectPath = (path: string) => relative(root, path).split(sep).join('/');
  const exportName = () => `l'export ${flow.facts?.exportDate ? `du ${flow.facts.exportDate}` : options.file}`;
  const read = (kind: RecordKindInfo, path: string) =>
    readRecordSafely(
      { path, file: projectPath(path), kind, isYaml: true },
      { kinds: RECORD_KINDS, schemas, validators, schemaDir, reuse: undefined },
    );

  /** Compares the flow's fields of one file with what the import would make of it. */
  const compare = (kind: RecordKindInfo, id: string, imported: Data) => {
    const path = join(contentDir, kind.folder, fileNameForId(id));
    const file = projectPath(path);
    files.push(file);
    if (!existsSync(path)) {
      diagnostics.push(
        finding(
          file,
          1,
          1,
          '',
          `${id} est dans ${exportName()} mais n'a pas de fichier.`,
          `Lancez npm run import -- ${options.file} pour l'ajouter.`,
        ),
      );
      return;
    }
    const outcome = read(kind, path);
    if (!outcome.record) {
      const first = outcome.diagnostics[0];
      diagnostics.push(
        finding(
          file,
          first?.line ?? 1,
          first?.column ?? 1,
          '',
          `${id} : fichier illisible ou invalide, pas de comparaison possible.`,
          'Corrigez d’abord le fichier (npm run validate).',
        ),
      );
      return;
    }
    const existing = outcome.record.data as unknown as Data;
    const merged = mergeRecord(imported, existing, ownersOf(schemas, kind), flow.facts!.info.sourceId).data;
    const owned = flowFields(schemas, kind);
    const project = (data: Data) => Object.fromEntries(Object.entries(data).filter(([name]) => owned.has(name)));
    for (const change of diffRecordData(schemas, kindRoot(schemas, kind), project(existing), project(merged))) {
      const { line, column } = outcome.record.locate(existingPrefix(existing, change.pointer));
      diagnostics.push(
        finding(file, line, column, change.pointer, `${id} › ${change.path.join(' › ')} : ${describe(change)}.`, hint(options.file)),
      );
    }
  };

  for await (const record of flow.records()) compare(flow.facts!.kind, record.id, record.data);
  const { info, kind } = flow.facts!;

  // Records of this registry that the flow brought and the export no longer holds, not yet marked as absent.
  const folder = join(contentDir, kind.folder);
  for (const name of existsSync(folder) ? readdirSync(folder).sort() : []) {
    if (!name.endsWith('.yaml')) continue;
    const outcome = read(kind, join(folder, name));
    const data = outcome.record?.data as Data | undefined;
    if (!data || flow.seen.has(String(data[kind.idField])) || data.absente_de_l_export) continue;
    if (!(data.sources as Data[]).some((s) => s.id === info.sourceId)) continue;
    diagnostics.push(
      finding(
        projectPath(join(folder, name)),
        1,
        1,
        '',
        `${String(data[kind.idField])} vient du flux mais n'est pas dans ${exportName()}.`,
        `Lancez npm run import -- ${options.file} : la fiche sera marquée absente de l'export (jamais supprimée).`,
      ),
    );
  }

  // The labels of the ROME sheets that take theirs from this flow.
  const rome = findKind('rome')!;
  for (const choice of flow.romeLabels.choices()) {
    const path = join(contentDir, rome.folder, fileNameForId(choice.code));
    if (!existsSync(path)) continue;
    const sheet = read(rome, path).record;
    const data = sheet?.data as unknown as Data | undefined;
    if (!sheet || !data || (data.libelle_source as Data).source !== info.sourceId || data.intitule === choice.label) continue;
    const { line, column } = sheet.locate('/intitule');
    diagnostics.push(
      finding(
        projectPath(path),
        line,
        column,
        '/intitule',
        `${choice.code} › intitulé : ${quote(String(data.intitule))} dans le fichier, ${quote(choice.label)} dans ${exportName()}.`,
        hint(options.file),
      ),
    );
  }
  return { files, diagnostics: sortDiagnostics(diagnostics) };
}

function finding(file: string, line: number, column: number, pointer: string, message: string, hintText: string): Diagnostic {
  return { severity: 'error', file, line, column, pointer, message, hint: hintText, rule: RULE };
}

function hint(file: string): string {
  return `Lancez npm run import -- ${file} pour reprendre la valeur du flux ; si la valeur du fichier est voulue, notez-la dans « corrections » avec la valeur publiée et son motif.`;
}

function describe(change: Change): string {
  switch (change.op) {
    case 'set':
      return `${change.shown.before} dans le fichier, ${change.shown.after} dans l'export`;
    case 'add':
      return `absent du fichier, ${change.shown.after} dans l'export`;
    case 'remove':
      return `${change.shown.before} dans le fichier, absent de l'export`;
    case 'move':
      return `position ${change.from! + 1} dans le fichier, ${change.to! + 1} dans l'export`;
  }
}

/** The longest start of a pointer that exists in the file's data: where a missing value would go. */
function existingPrefix(data: Data, pointer: string): string {
  const segments = fromPointer(pointer);
  let current: unknown = data;
  const kept: string[] = [];
  for (const segment of segments) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, segment)) break;
    current = (current as Data)[segment];
    kept.push(segment);
  }
  return toPointer(kept);
}
