/** Turns ajv's errors into French diagnostics that name the field, say what is wrong and how to fix it. */
import type { ErrorObject } from 'ajv';
import localizeFr from 'ajv-i18n/localize/fr/index.js';
import type { Diagnostic } from '../validation/diagnostic.ts';
import { describeValue, formatNumber, quote, typeName } from '../text/french.ts';
import { fromPointer, toPointer } from '../files/json-pointer.ts';
import { allowedProperties, describeSchema, resolveRef, schemaAtPath } from './schema-store.ts';
import type { JsonSchema, SchemaAt, SchemaFiles } from './schema-store.ts';
import { suggest } from '../text/suggest.ts';
import type { Target } from '../files/yaml-source.ts';

export interface SchemaErrorContext {
  files: SchemaFiles;
  /** Schema file of the record's kind. */
  rootFile: string;
  /** Project-relative path of the content file. */
  file: string;
  locate(pointer: string, target?: Target): { line: number; column: number };
}

interface Explained {
  pointer: string;
  target: Target;
  message: string;
  hint: string;
}

/** Converts one record's ajv errors into diagnostics (rule "schema/<keyword>"), one per problem. */
export function explainSchemaErrors(errors: ErrorObject[], ctx: SchemaErrorContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const error of relevantErrors(errors)) {
    const explained = explain(error, errors, ctx);
    const key = `${explained.pointer}\u0000${explained.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push({
      severity: 'error',
      file: ctx.file,
      ...ctx.locate(explained.pointer, explained.target),
      pointer: explained.pointer,
      message: explained.message,
      hint: explained.hint,
      rule: `schema/${error.keyword}`,
    });
  }
  return diagnostics;
}

/**
 * Drops errors that only restate another: an "if" that chose its "else", the branches of an
 * "anyOf" (explained once by the anyOf), and anything else reported where a type is already wrong.
 */
function relevantErrors(errors: ErrorObject[]): ErrorObject[] {
  const anyOfPaths = errors.filter((e) => e.keyword === 'anyOf').map((e) => e.schemaPath + '/');
  const inBranch = (e: ErrorObject) => anyOfPaths.some((p) => e.schemaPath.startsWith(p));
  // A branch's wrong type is not the value's: the anyOf explains it (a branch through $ref has its own schemaPath).
  const anyOfAt = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const wrongType = new Set(errors.filter((e) => e.keyword === 'type' && !inBranch(e) && !anyOfAt.has(e.instancePath)).map((e) => e.instancePath));
  return errors.filter((e) => {
    if (e.keyword === 'if') return false;
    if (inBranch(e)) return false;
    if (e.keyword !== 'anyOf' && anyOfAt.has(e.instancePath)) return false;
    if (e.keyword !== 'type' && wrongType.has(e.instancePath)) return false;
    return true;
  });
}

function explain(error: ErrorObject, all: ErrorObject[], ctx: SchemaErrorContext): Explained {
  const pointer = error.instancePath;
  const segments = fromPointer(pointer);
  const here = schemaAtPath(ctx.files, ctx.rootFile, segments);
  const info = here ? describeSchema(ctx.files, here) : {};
  const label = fieldLabel(segments, info.title);
  const about = aboutHint(info.description, info.examples);
  const value = error.data;
  const params = error.params as Record<string, unknown>;

  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      const child = schemaAtPath(ctx.files, ctx.rootFile, [...segments, missing]);
      const childInfo = child ? describeSchema(ctx.files, child) : {};
      const where = segments.length === 0 ? 'la fiche' : lowerFirst(label);
      const message = `Champ obligatoire manquant : ${quote(missing)}${childInfo.title ? ` (${childInfo.title})` : ''} dans ${where}.`;
      const allowed = here ? allowedProperties(ctx.files, here) : [];
      const unknownKeys = value && typeof value === 'object' ? Object.keys(value).filter((k) => !allowed.includes(k)) : [];
      const misspelt = unknownKeys.find((k) => suggest(k, [missing]) === missing);
      if (misspelt) {
        return { pointer: `${pointer}/${escapeSegment(misspelt)}`, target: 'key', message, hint: `Renommez ${quote(misspelt)} en ${quote(missing)}.` };
      }
      return {
        pointer,
        target: 'key',
        message,
        hint: `Ajoutez « ${missing}: … ».${childInfo.description ? ` ${childInfo.description}` : ''}`,
      };
    }
    case 'additionalProperties': {
      const extra = String(params.additionalProperty);
      const allowed = here ? allowedProperties(ctx.files, here) : [];
      const guess = suggest(extra, allowed);
      return {
        pointer: `${pointer}/${escapeSegment(extra)}`,
        target: 'key',
        message: `Champ inconnu : ${quote(extra)}${segments.length ? ` dans ${lowerFirst(label)}` : ''}.`,
        hint: guess
          ? `Vouliez-vous dire ${quote(guess)} ?`
          : `Champs possibles ici : ${allowed.join(', ')}. Supprimez ce champ ou corrigez son nom.`,
      };
    }
    case 'type': {
      const expected = String(params.type);
      return {
        pointer,
        target: 'value',
        message: `${label} doit être ${typeName(expected)}, pas ${describeValue(value)}.`,
        hint: joinHints(typeHint(expected, value), about),
      };
    }
    case 'minLength':
    case 'pattern':
      if (error.keyword === 'minLength' || (params.pattern === '\\S' && typeof value === 'string')) {
        return { pointer, target: 'value', message: `${label} est vide.`, hint: joinHints('Écrivez le texte publié par la source, ou supprimez le champ s\'il est facultatif.', about) };
      }
      return {
        pointer,
        target: 'value',
        message: `${label} : ${quote(String(value))} n'a pas le format attendu.`,
        hint: about || 'Corrigez la valeur.',
      };
    case 'format':
      return {
        pointer,
        target: 'value',
        message:
          params.format === 'date'
            ? `${label} : ${quote(String(value))} n'est pas une date qui existe au format AAAA-MM-JJ.`
            : `${label} : ${quote(String(value))} n'est pas une adresse web valide.`,
        hint: params.format === 'date' ? 'Écrivez une date réelle, année-mois-jour, par exemple 2029-11-28.' : about,
      };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const range = rangeOf(error.parentSchema as Record<string, unknown> | undefined);
      return {
        pointer,
        target: 'value',
        message: `${label} vaut ${formatNumber(Number(value))}, hors des limites permises (${range}).`,
        hint: about || 'Corrigez la valeur.',
      };
    }
    case 'enum':
    case 'const': {
      const allowed = error.keyword === 'enum' ? (params.allowedValues as unknown[]) : [params.allowedValue];
      const guess = typeof value === 'string' ? suggest(value, allowed.filter((a): a is string => typeof a === 'string')) : undefined;
      return {
        pointer,
        target: 'value',
        message: `${label} vaut ${describeValue(value)}, qui n'est pas une valeur permise.`,
        hint: joinHints(
          guess ? `Vouliez-vous dire ${quote(guess)} ?` : '',
          `Valeur${allowed.length > 1 ? 's' : ''} permise${allowed.length > 1 ? 's' : ''} : ${allowed.map((a) => quote(String(a))).join(', ')}.`,
        ),
      };
    }
    case 'minItems':
      return {
        pointer,
        target: 'value',
        message: `${label} doit contenir au moins ${String(params.limit)} élément${Number(params.limit) > 1 ? 's' : ''}.`,
        hint: about || 'Ajoutez les éléments manquants.',
      };
    case 'maxItems':
      return {
        pointer,
        target: 'value',
        message: `${label} contient ${Array.isArray(value) ? value.length : '?'} éléments, au plus ${String(params.limit)} sont permis.`,
        hint: about || 'Retirez les éléments en trop.',
      };
    case 'uniqueItems':
      return {
        pointer: `${pointer}/${String(params.i)}`,
        target: 'value',
        message: `${label} contient deux fois la même valeur (éléments ${Number(params.j) + 1} et ${Number(params.i) + 1}).`,
        hint: 'Supprimez le doublon.',
      };
    case 'anyOf':
      return explainAnyOf(error, all, label, pointer, here && anyOfShapes(ctx.files, here), value);
    default:
      return { pointer, target: 'value', message: `${label} : ${localizedMessage(error)}.`, hint: about || 'Corrigez la valeur.' };
  }
}

/** What each alternative of the anyOf at a place accepts, in French ("true ou false", "un ensemble de champs (…)"). */
function anyOfShapes(files: SchemaFiles, at: SchemaAt): string[] {
  const resolved = resolveRef(files, at);
  const alternatives = (resolved.schema.anyOf as JsonSchema[] | undefined) ?? [];
  return alternatives.map((alternative) => {
    const { schema } = resolveRef(files, { schema: alternative, file: resolved.file });
    if (schema.properties && typeof schema.properties === 'object') {
      return `un ensemble de champs (${Object.keys(schema.properties).map((name) => quote(name)).join(', ')})`;
    }
    if (typeof schema.type === 'string') return typeName(schema.type);
    if (Array.isArray(schema.enum)) return `l'une des valeurs ${schema.enum.map((v) => quote(String(v))).join(', ')}`;
    return 'une autre forme';
  });
}

/** "anyOf" of "required" branches reads as "give at least one of these fields"; any other, as the forms it allows. */
function explainAnyOf(
  error: ErrorObject,
  all: ErrorObject[],
  label: string,
  pointer: string,
  shapes: string[] | undefined,
  value: unknown,
): Explained {
  const branches = all.filter((e) => e.schemaPath.startsWith(error.schemaPath + '/'));
  if (branches.length > 0 && branches.every((e) => e.keyword === 'required')) {
    const names = branches.map((e) => quote(String((e.params as { missingProperty: string }).missingProperty)));
    return {
      pointer,
      target: 'key',
      message: `${label} doit avoir au moins l'un des champs ${names.join(' ou ')}.`,
      hint: `Ajoutez ${names.join(' et/ou ')}.`,
    };
  }
  if (shapes && shapes.length > 0 && !shapes.includes('une autre forme')) {
    return {
      pointer,
      target: 'value',
      message: `${label} doit être ${shapes.join(', ou ')} ; pas ${describeValue(value)}.`,
      hint: 'Écrivez la valeur sous l’une de ces formes, comme dans un fichier voisin qui passe la validation.',
    };
  }
  return { pointer, target: 'value', message: `${label} ne correspond à aucune des formes permises.`, hint: 'Comparez avec un fichier voisin qui passe la validation.' };
}

/** "Taux d'insertion à 6 mois (« taux_insertion_6_mois »)", or "élément 3 de « intitules »". */
function fieldLabel(segments: readonly string[], title: string | undefined): string {
  if (segments.length === 0) return 'La fiche';
  const last = segments[segments.length - 1];
  if (/^\d+$/.test(last)) {
    const parent = segments.length > 1 ? quote(segments[segments.length - 2]) : 'la liste';
    return `L'élément ${Number(last) + 1} de ${parent}`;
  }
  return title ? `${title} (${quote(last)})` : `Le champ ${quote(last)}`;
}

function typeHint(expected: string, value: unknown): string {
  if ((expected === 'number' || expected === 'integer') && typeof value === 'string') {
    if (/%/.test(value)) return 'Écrivez le nombre seul, sans le signe « % ».';
    if (/^\s*\d{1,3}([ ,.\u00a0\u202f]\d{3})+\s*$/.test(value)) return `Écrivez le nombre sans séparateur de milliers, par exemple ${value.replace(/[^\d]/g, '')}.`;
    if (/^\s*\d+,\d+\s*$/.test(value)) return `La décimale s'écrit avec un point : ${value.trim().replace(',', '.')}.`;
    return 'Écrivez un nombre, sans guillemets ni unité.';
  }
  if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
    return `Mettez la valeur entre guillemets pour en faire un texte : "${String(value)}".`;
  }
  if (expected === 'boolean') return 'Écrivez true (oui) ou false (non), sans guillemets.';
  if (expected === 'array') return 'Écrivez une liste : un élément par ligne, précédé de « - ».';
  if (expected === 'object') return 'Écrivez des champs « clé: valeur » indentés sous ce champ.';
  return '';
}

function aboutHint(description: string | undefined, examples: unknown[] | undefined): string {
  const example = examples?.length ? ` Exemple : ${examples.map((e) => quote(String(e))).join(', ')}.` : '';
  return `${description ?? ''}${example}`.trim();
}

function joinHints(...hints: string[]): string {
  return hints.filter(Boolean).join(' ');
}

function rangeOf(schema: Record<string, unknown> | undefined): string {
  const min = schema?.minimum;
  const max = schema?.maximum;
  if (typeof min === 'number' && typeof max === 'number') return `de ${formatNumber(min)} à ${formatNumber(max)}`;
  if (typeof min === 'number') return `au moins ${formatNumber(min)}`;
  if (typeof max === 'number') return `au plus ${formatNumber(max)}`;
  return 'voir le schéma';
}

/** ajv-i18n's French wording, for keywords the project does not phrase itself. */
function localizedMessage(error: ErrorObject): string {
  const copy = [{ ...error }];
  localizeFr(copy);
  return copy[0].message ?? error.keyword;
}

function escapeSegment(segment: string): string {
  return toPointer([segment]).slice(1);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
