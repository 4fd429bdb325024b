/**
 * The validation pipeline shared by the CLI, the Astro loader and the tests:
 * read each file with positions → validate against its kind's JSON Schema → cross-record checks.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { CHECKS } from '../checks/index.ts';
import type { CheckContext, Finding } from '../checks/index.ts';
import type { Diagnostic } from './diagnostic.ts';
import { sortDiagnostics } from './diagnostic.ts';
import { formatNumber, quote } from '../text/french.ts';
import { listContentFiles } from '../files/content-files.ts';
import type { ContentFile } from '../files/content-files.ts';
import { RECORD_KINDS } from '../kinds/record-kinds.ts';
import type { RecordKind, RecordKindInfo } from '../kinds/record-kinds.ts';
import type { LoadedRecord, RecordSet } from '../kinds/records.ts';
import { readPlainYaml } from '../files/fast-yaml.ts';
import { explainSchemaErrors } from '../schemas/schema-errors.ts';
import { loadSchemaFiles } from '../schemas/schema-store.ts';
import type { SchemaFiles } from '../schemas/schema-store.ts';
import { decodeUtf8 } from '../files/text-decoding.ts';
import { createValidators, validateWith } from '../schemas/validator.ts';
import type { SchemaValidators } from '../schemas/validator.ts';
import { deferredLocator, parseYaml } from '../files/yaml-source.ts';

/** A real record is a few kilobytes; anything far larger is a mistake, refused before parsing. */
const MAX_FILE_BYTES = 1024 * 1024;

export interface ValidateOptions {
  /** Project root: diagnostics name files relative to it. */
  root: string;
  /** Defaults to <root>/content. */
  contentDir?: string;
  /** Defaults to <root>/schemas. */
  schemaDir?: string;
}

/**
 * The data of a file known to be valid as it is (unchanged since a previous validation), or
 * undefined: such a file is neither parsed nor checked against its schema again, and only the
 * cross-record checks see it.
 */
export type Reuse = (file: ContentFile, bytes: Uint8Array) => Record<string, unknown> | undefined;

export interface ValidationResult {
  /** Records whose file passed its schema (cross-record errors do not remove them). */
  records: RecordSet;
  /** Every finding, sorted by file and position. */
  diagnostics: Diagnostic[];
  /** Project-relative paths of the files examined. */
  files: string[];
}

/** A validator bound to one project's schemas, reusable across runs (dev server reloads, tests). */
export interface ContentValidator {
  validate(reuse?: Reuse): ValidationResult;
}

/** Compiles the schemas once and returns a validator for the content tree. */
export function createContentValidator(options: ValidateOptions): ContentValidator {
  const root = options.root;
  const contentDir = options.contentDir ?? join(root, 'content');
  const schemaDir = options.schemaDir ?? join(root, 'schemas');
  const schemas = loadSchemaFiles(schemaDir);
  const validators = createValidators(schemas);
  return {
    validate(reuse) {
      const files = listContentFiles(root, contentDir);
      const diagnostics: Diagnostic[] = [];
      const records: RecordSet = { certification: [], rome: [] };
      const context: CheckContext = { invalidIds: { certification: new Set(), rome: new Set() } };
      for (const file of files) {
        const outcome = readRecordSafely(file, { schemas, validators, schemaDir, reuse });
        diagnostics.push(...outcome.diagnostics);
        if (outcome.record) (records[outcome.record.kind] as LoadedRecord[]).push(outcome.record);
        for (const id of outcome.invalidIds?.ids ?? []) context.invalidIds[outcome.invalidIds!.kind].add(id);
      }
      diagnostics.push(...runChecks(records, context));
      return { records, diagnostics: sortDiagnostics(diagnostics), files: files.map((f) => f.file) };
    },
  };
}

/** Validates a content tree once. */
export function validateContent(options: ValidateOptions): ValidationResult {
  return createContentValidator(options).validate();
}

interface ReadContext {
  schemas: SchemaFiles;
  validators: SchemaValidators;
  schemaDir: string;
  reuse: Reuse | undefined;
}

interface ReadOutcome {
  record?: LoadedRecord;
  /** Identifiers a file that could not be validated announces (by its name, and by its data if readable). */
  invalidIds?: { kind: RecordKind; ids: string[] };
  diagnostics: Diagnostic[];
}

function fileError(file: string, message: string, hint: string, rule: string, line = 1, column = 1): Diagnostic {
  return { severity: 'error', file, line, column, pointer: '', message, hint, rule };
}

/** Reads one file; an unexpected failure becomes a diagnostic for that file, never a crash. */
function readRecordSafely(entry: ContentFile, ctx: ReadContext): ReadOutcome {
  try {
    return readRecord(entry, ctx);
  } catch (error) {
    return {
      diagnostics: [
        fileError(
          entry.file,
          `Lecture impossible : ${(error as Error).message}`,
          "Vérifiez que le fichier est lisible ; si le problème persiste, signalez-le à l'équipe certidocs.",
          'internal',
        ),
      ],
    };
  }
}

function readRecord(entry: ContentFile, ctx: ReadContext): ReadOutcome {
  const { file } = entry;
  if (!entry.isYaml) {
    return {
      diagnostics: [
        {
          ...fileError(
            file,
            'Fichier ignoré : seuls les fichiers .yaml sont lus dans content/.',
            "Donnez-lui l'extension .yaml s'il décrit une fiche, sinon sortez-le de content/.",
            'file-kind',
          ),
          severity: 'warning',
        },
      ],
    };
  }
  const kind = entry.kind;
  if (!kind) {
    const folders = RECORD_KINDS.map((k) => `content/${k.folder}/`).join(' ou ');
    return {
      diagnostics: [
        fileError(
          file,
          "Ce fichier n'est dans aucun dossier de fiches connu.",
          `Placez-le directement dans ${folders}, selon le type de fiche.`,
          'file-kind',
        ),
      ],
    };
  }
  const bytes = readFileSync(entry.path);
  if (bytes.length > MAX_FILE_BYTES) {
    return {
      invalidIds: { kind: kind.kind, ids: [idFromFileName(file)] },
      diagnostics: [
        fileError(
          file,
          `Fichier trop volumineux : ${formatNumber(Math.round(bytes.length / 1024))} Kio, alors qu'une fiche en fait au plus ${MAX_FILE_BYTES / 1024} Kio.`,
          "Une fiche ne contient que le texte et les chiffres de sa source : retirez ce qui n'en vient pas, ou vérifiez qu'un autre fichier n'a pas été collé dedans.",
          'file-size',
        ),
      ],
    };
  }
  const locate = deferredLocator(() => readText(entry.path), file);
  const reused = ctx.reuse?.(entry, bytes);
  if (reused !== undefined) {
    return { diagnostics: [], record: { kind: kind.kind, id: String(reused[kind.idField]), file, data: reused as never, locate } };
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    return {
      invalidIds: { kind: kind.kind, ids: [idFromFileName(file)] },
      diagnostics: [
        fileError(
          file,
          `Le fichier n'est pas en UTF-8 : octet invalide (position ${decoded.byteOffset}).`,
          "Réenregistrez le fichier en UTF-8 (dans VS Code : « Enregistrer avec l'encodage » → UTF-8), puis vérifiez les lettres accentuées.",
          'encoding',
          decoded.line,
          decoded.column,
        ),
      ],
    };
  }
  const modeline = checkModeline(decoded.text, entry, kind, ctx.schemaDir);
  // Most files are plain, valid YAML: read them the fast way; any other file goes the exact way below.
  const plain = readPlainYaml(decoded.text);
  if (plain !== undefined && validateWith(ctx.validators[kind.kind], plain).length === 0) {
    return { diagnostics: modeline, record: { kind: kind.kind, id: String(plain[kind.idField]), file, data: plain as never, locate } };
  }

  const parsed = parseYaml(decoded.text, file);
  const diagnostics = [...parsed.diagnostics, ...modeline];
  const announced = { kind: kind.kind, ids: [idFromFileName(file)] };
  if (parsed.data === undefined) return { diagnostics, invalidIds: announced };

  const errors = validateWith(ctx.validators[kind.kind], parsed.data);
  if (errors.length > 0) {
    const located = explainSchemaErrors(errors, { files: ctx.schemas, rootFile: kind.schemaFile, file, locate: parsed.locate });
    const id = (parsed.data as Record<string, unknown>)[kind.idField];
    if (typeof id === 'string') announced.ids.push(id);
    return { diagnostics: [...diagnostics, ...located], invalidIds: announced };
  }
  const data = parsed.data as Record<string, unknown>;
  return {
    diagnostics,
    record: { kind: kind.kind, id: String(data[kind.idField]), file, data: data as never, locate },
  };
}

/** A file's text again, for positions wanted after reading (a finding of a cross-record check). */
function readText(path: string): string {
  const decoded = decodeUtf8(readFileSync(path));
  return decoded.ok ? decoded.text : '';
}

/** The identifier a file's name announces ("content/rome/k1704.yaml" → "K1704"), for files that could not be read. */
function idFromFileName(file: string): string {
  return (file.split('/').pop() ?? '').replace(/\.ya?ml$/i, '').toUpperCase();
}

/** Each content file starts with the modeline that gives editors completion from its schema. */
function checkModeline(text: string, entry: ContentFile, kind: RecordKindInfo, schemaDir: string): Diagnostic[] {
  const schemaPath = relative(dirname(entry.path), join(schemaDir, kind.schemaFile)).split(sep).join('/');
  const expected = `# yaml-language-server: $schema=${schemaPath}`;
  const firstLine = text.split(/\r?\n/, 1)[0];
  if (firstLine.trim() === expected) return [];
  return [
    {
      ...fileError(
        entry.file,
        "La première ligne ne relie pas le fichier à son schéma : l'éditeur ne peut ni compléter ni vérifier la saisie.",
        `Mettez en première ligne : ${expected}`,
        'modeline',
      ),
      severity: 'warning',
    },
  ];
}

function runChecks(records: RecordSet, context: CheckContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const check of CHECKS) {
    const report = (finding: Finding) => {
      diagnostics.push({
        severity: finding.severity,
        file: finding.record.file,
        ...finding.record.locate(finding.pointer, finding.target),
        pointer: finding.pointer,
        message: finding.message,
        hint: finding.hint,
        rule: check.rule,
      });
    };
    try {
      check.run(records, report, context);
    } catch (error) {
      // A check that crashes is a defect of certidocs, reported as such rather than as a stack trace.
      diagnostics.push(
        fileError(
          'content',
          `La vérification ${quote(check.rule)} a échoué : ${(error as Error).message}`,
          "Signalez ce problème à l'équipe certidocs avec le fichier modifié.",
          'internal',
        ),
      );
    }
  }
  return diagnostics;
}
