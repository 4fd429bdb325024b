/**
 * Makes a mapped flow record valid by leaving out the values the validator would reject (an address that is
 * not one, a code that does not match its pattern, a duplicate item, dates out of order…), each reported with
 * its reason. The record is checked as the validator checks a file: its kind's schema, then the checks that
 * concern one record alone. What comes out is a record the validator accepts, or the reason it cannot be.
 */
import { isDeepStrictEqual } from 'node:util';
import type { ErrorObject, ValidateFunction } from 'ajv';
import localizeFr from 'ajv-i18n/localize/fr/index.js';
import { CHECKS } from '../checks/index.ts';
import type { Finding } from '../checks/index.ts';
import { RECORD_KINDS } from '../kinds/record-kinds.ts';
import type { RecordKindInfo } from '../kinds/record-kinds.ts';
import { emptyRecordSet, recordsOfKind } from '../kinds/records.ts';
import type { LoadedRecord } from '../kinds/records.ts';
import { fromPointer, toPointer } from '../files/json-pointer.ts';
import { validateWith } from '../schemas/validator.ts';

/** Checks that need the whole tree: the import guarantees them by construction (one file per id, a sheet per ROME code). */
const TREE_CHECKS = new Set(['unique-ids', 'rome-reference']);

export interface CleanedValue {
  pointer: string;
  value: unknown;
  reason: string;
}

export type CleaningResult =
  { ok: true; data: Record<string, unknown>; dropped: CleanedValue[] } | { ok: false; reason: string; dropped: CleanedValue[] };

/** The problems the validator finds in one record, each with the place whose removal solves it. */
export function recordProblems(
  data: Record<string, unknown>,
  kind: RecordKindInfo,
  validate: ValidateFunction,
  file: string,
): { pointer: string; reason: string }[] {
  const errors = validateWith(validate, data);
  if (errors.length > 0) {
    localizeFr(errors);
    return errors.filter((e) => e.keyword !== 'if').map((e) => ({ pointer: dropPointer(e), reason: reasonOf(e) }));
  }
  const records = emptyRecordSet(RECORD_KINDS);
  const record: LoadedRecord = {
    kind: kind.kind,
    id: String(data[kind.idField]),
    file,
    data: data as never,
    locate: () => ({ line: 1, column: 1 }),
  };
  recordsOfKind(records, kind.kind).push(record);
  const problems: { pointer: string; reason: string }[] = [];
  for (const check of CHECKS) {
    if (TREE_CHECKS.has(check.rule)) continue;
    check.run(
      records,
      (finding: Finding) => {
        if (finding.severity === 'error') problems.push({ pointer: finding.pointer, reason: finding.message });
      },
      { kinds: RECORD_KINDS, invalidIds: new Map() },
    );
  }
  return problems;
}

/** Removes what the validator rejects until it accepts the record; gives up when a required field is missing. */
export function cleanRecord(
  input: Record<string, unknown>,
  kind: RecordKindInfo,
  validate: ValidateFunction,
  file: string,
): CleaningResult {
  // The mapping's output is this record's own: cleaned in place.
  const data = input;
  const dropped: CleanedValue[] = [];
  for (let pass = 0; pass < 50; pass++) {
    const problems = recordProblems(data, kind, validate, file);
    if (problems.length === 0) return { ok: true, data, dropped };
    const root = problems.find((p) => p.pointer === '');
    if (root) return { ok: false, reason: root.reason, dropped };
    // Deepest first, and the last item of a list before the earlier ones, so that removals do not shift each other.
    const pointers = [...new Map(problems.map((p) => [p.pointer, p])).values()].sort((a, b) => comparePointers(b.pointer, a.pointer));
    for (const problem of pointers) {
      const removed = removeAt(data, fromPointer(problem.pointer));
      if (removed.found) dropped.push({ pointer: problem.pointer, value: removed.value, reason: problem.reason });
    }
  }
  return { ok: false, reason: 'la fiche reste invalide après avoir écarté les valeurs rejetées', dropped };
}

/** Where to cut for an ajv error: the extra property, the later duplicate, or the value itself. */
function dropPointer(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties') return `${error.instancePath}${toPointer([String(params.additionalProperty)])}`;
  if (error.keyword === 'uniqueItems') return `${error.instancePath}/${Math.max(Number(params.i), Number(params.j))}`;
  return error.instancePath;
}

function reasonOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties')
    return `le schéma de ce répertoire n'a pas de champ « ${String(params.additionalProperty)} »`;
  if (error.keyword === 'uniqueItems') return 'doublon dans la liste';
  if (error.keyword === 'required') return `il y manque « ${String(params.missingProperty)} », obligatoire`;
  return error.message ?? error.keyword;
}

/** Orders pointers by segment, numbers as numbers, a parent before its children. */
function comparePointers(a: string, b: string): number {
  const left = fromPointer(a);
  const right = fromPointer(b);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    if (left[i] === right[i]) continue;
    const numeric = /^\d+$/.test(left[i]) && /^\d+$/.test(right[i]);
    return numeric ? Number(left[i]) - Number(right[i]) : left[i] < right[i] ? -1 : 1;
  }
  return left.length - right.length;
}

/** Removes the value at a path; a list or mapping left empty by it goes too, as the schemas want none. */
function removeAt(data: Record<string, unknown>, segments: string[]): { found: boolean; value?: unknown } {
  if (segments.length === 0) return { found: false };
  const parents: unknown[] = [data];
  for (const segment of segments.slice(0, -1)) {
    const next = (parents[parents.length - 1] as Record<string, unknown> | undefined)?.[segment];
    if (next === undefined || next === null || typeof next !== 'object') return { found: false };
    parents.push(next);
  }
  const last = segments[segments.length - 1];
  const parent = parents[parents.length - 1] as Record<string, unknown> | unknown[];
  if (!Object.hasOwn(parent, last)) return { found: false };
  const value = (parent as Record<string, unknown>)[last];
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else delete (parent as Record<string, unknown>)[last];
  for (let depth = parents.length - 1; depth > 0; depth--) {
    const container = parents[depth] as object;
    if (!isDeepStrictEqual(container, []) && !isDeepStrictEqual(container, {})) break;
    const holder = parents[depth - 1] as Record<string, unknown> | unknown[];
    const key = segments[depth - 1];
    if (Array.isArray(holder)) holder.splice(Number(key), 1);
    else delete (holder as Record<string, unknown>)[key];
  }
  return { found: true, value };
}
