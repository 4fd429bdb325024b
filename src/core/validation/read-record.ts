/**
 * Reads one content file into a validated record, or into the diagnostics that say why it is not one:
 * bytes → UTF-8 → YAML (the fast reader for plain files, the exact one otherwise) → its kind's schema.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { ContentFile } from '../files/content-files.ts';
import { readPlainYaml } from '../files/fast-yaml.ts';
import { decodeUtf8 } from '../files/text-decoding.ts';
import { deferredLocator, parseYaml } from '../files/yaml-source.ts';
import { fileNameForId, idFromFileName } from '../kinds/record-kinds.ts';
import type { RecordKind, RecordKindInfo } from '../kinds/record-kinds.ts';
import type { LoadedRecord } from '../kinds/records.ts';
import { explainSchemaErrors } from '../schemas/schema-errors.ts';
import { idPattern } from '../schemas/schema-store.ts';
import type { SchemaFiles } from '../schemas/schema-store.ts';
import { validateWith } from '../schemas/validator.ts';
import type { SchemaValidators } from '../schemas/validator.ts';
import { formatNumber, listInFrench, quote } from '../text/french.ts';
import type { Diagnostic } from './diagnostic.ts';

/** A real record is a few kilobytes; anything far larger is a mistake, refused before parsing. */
const MAX_FILE_BYTES = 1024 * 1024;

/**
 * Files known to be valid as they are (unchanged since a previous validation): their data is not
 * parsed from YAML again, only checked against its schema, which is quick.
 */
export interface Reuse {
  /** The data a file had when it was last validated, or undefined. */
  dataOf(file: ContentFile, bytes: Uint8Array): unknown;
  /** That data passed its schema again: the file's record stands as it was. */
  accepted(file: ContentFile): void;
}

export interface ReadContext {
  kinds: readonly RecordKindInfo[];
  schemas: SchemaFiles;
  validators: SchemaValidators;
  schemaDir: string;
  reuse: Reuse | undefined;
}

export interface ReadOutcome {
  record?: LoadedRecord;
  /** Identifiers a file that could not be validated announces (by its name, and by its data if readable). */
  invalidIds?: { kind: RecordKind; ids: string[] };
  diagnostics: Diagnostic[];
}

export function fileError(file: string, message: string, hint: string, rule: string, line = 1, column = 1): Diagnostic {
  return { severity: 'error', file, line, column, pointer: '', message, hint, rule };
}

/** Reads one file; an unexpected failure becomes a diagnostic for that file, never a crash. */
export function readRecordSafely(entry: ContentFile, ctx: ReadContext): ReadOutcome {
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
    const folders = listInFrench(
      ctx.kinds.map((k) => `content/${k.folder}/`),
      'ou',
    );
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
  const announced = { kind: kind.kind, ids: [idFromFileName(file)] };
  const bytes = readFileSync(entry.path);
  if (bytes.length > MAX_FILE_BYTES) {
    return {
      invalidIds: announced,
      diagnostics: [
        fileError(
          file,
          `Fichier trop volumineux : ${formatNumber(Math.round(bytes.length / 1024))} Kio, alors qu'une fiche en fait au plus ${formatNumber(MAX_FILE_BYTES / 1024)} Kio.`,
          "Une fiche ne contient que le texte et les chiffres de sa source : retirez ce qui n'en vient pas, ou vérifiez qu'un autre fichier n'a pas été collé dedans.",
          'file-size',
        ),
      ],
    };
  }
  const validate = ctx.validators[kind.kind];
  const locate = deferredLocator(() => readText(entry.path), file);
  const loaded = (data: unknown): LoadedRecord | undefined =>
    validate(data) ? { kind: kind.kind, id: String(Reflect.get(data, kind.idField)), file, data, locate } : undefined;

  const reused = ctx.reuse && loaded(ctx.reuse.dataOf(entry, bytes));
  if (reused) {
    ctx.reuse?.accepted(entry);
    return { diagnostics: [], record: reused };
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    return {
      invalidIds: announced,
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
  const plain = loaded(readPlainYaml(decoded.text));
  if (plain) return { diagnostics: modeline, record: plain };

  const parsed = parseYaml(decoded.text, file);
  const diagnostics = [...parsed.diagnostics, ...modeline];
  if (parsed.data === undefined) return { diagnostics, invalidIds: announced };
  const record = loaded(parsed.data);
  if (record) return { diagnostics, record };

  const data = parsed.data as Record<string, unknown>;
  const id = data[kind.idField];
  if (typeof id === 'string') announced.ids.push(id);
  const elsewhere = otherKindOf(data, kind, ctx);
  // Its modeline names the right schema for where it belongs: only say where that is.
  if (elsewhere)
    return { diagnostics: [...parsed.diagnostics, misplaced(file, kind, elsewhere, parsed.locate(''))], invalidIds: announced };
  const located = explainSchemaErrors(validateWith(validate, data), {
    files: ctx.schemas,
    rootFile: kind.schemaFile,
    file,
    locate: parsed.locate,
  });
  return { diagnostics: [...diagnostics, ...located], invalidIds: announced };
}

/** A file's text again, for positions wanted after reading (a finding of a cross-record check). */
function readText(path: string): string {
  const decoded = decodeUtf8(readFileSync(path));
  return decoded.ok ? decoded.text : '';
}

/**
 * The kind a record in the wrong folder belongs to: one whose schema accepts it, or whose identifier
 * pattern its identifier matches while it does not match this folder's kind. Its schema errors here
 * would only be a page of unknown and missing fields.
 */
function otherKindOf(
  data: Record<string, unknown>,
  kind: RecordKindInfo,
  ctx: ReadContext,
): { info: RecordKindInfo; id: string } | undefined {
  const idMatches = (info: RecordKindInfo) =>
    typeof data[info.idField] === 'string' && idPattern(ctx.schemas, info).test(data[info.idField] as string);
  if (idMatches(kind)) return undefined;
  for (const info of ctx.kinds) {
    if (info === kind) continue;
    if (ctx.validators[info.kind](data) || idMatches(info)) return { info, id: String(data[info.idField] ?? '') };
  }
  return undefined;
}

function misplaced(
  file: string,
  here: RecordKindInfo,
  { info, id }: { info: RecordKindInfo; id: string },
  at: { line: number; column: number },
): Diagnostic {
  const target = `content/${info.folder}/${id === '' ? '' : fileNameForId(id)}`;
  return {
    ...fileError(
      file,
      `Ce fichier ressemble à une ${info.labels.sheet}${id === '' ? '' : ` (${id})`}, pas à une ${here.labels.sheet} : il n'est pas dans le bon dossier content/${here.folder}/.`,
      `Déplacez-le dans ${target} ; il y sera vérifié d'après le schéma ${quote(info.schemaFile)}.`,
      'file-kind',
      at.line,
      at.column,
    ),
  };
}

/** Each content file starts with the modeline that gives editors completion from its schema. */
function checkModeline(text: string, entry: ContentFile, kind: RecordKindInfo, schemaDir: string): Diagnostic[] {
  const expected = modelineFor(entry.path, kind, schemaDir);
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

/** The first line that links a record file to its schema for editors: "# yaml-language-server: $schema=../../schemas/rome.schema.json". */
export function modelineFor(path: string, kind: RecordKindInfo, schemaDir: string): string {
  return `# yaml-language-server: $schema=${relative(dirname(path), join(schemaDir, kind.schemaFile)).split(sep).join('/')}`;
}
