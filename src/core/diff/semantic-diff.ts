/**
 * Compares two versions of the content records field by field and names every change with a
 * readable French path (« K1704 › salaires (T1 2025) › 1830–3049 € › part des offres »).
 * Pure: no git, no file access; list items are matched by identity, not by position.
 */
import { formatEuros, formatNumber, formatPercent, formatPeriodShort, quote } from '../text/french.ts';
import { toPointer } from '../files/json-pointer.ts';
import type { PathSegment } from '../files/json-pointer.ts';
import { RECORD_KINDS } from '../kinds/record-kinds.ts';
import type { RecordKind, RecordKindInfo } from '../kinds/record-kinds.ts';
import { childSchema, describeSchema, resolveRef } from '../schemas/schema-store.ts';
import type { JsonSchema, SchemaAt, SchemaFiles } from '../schemas/schema-store.ts';

/** One version of a record file: its data, or why it could not be read. */
export type RecordFile =
  | { kind: RecordKind; data: Record<string, unknown> }
  | {
      kind: RecordKind;
      /** Why the file could not be read as a YAML mapping, in French, with line and column. */
      problem: string;
      /** The file's content, to tell two unreadable versions apart. */
      raw: string;
    };

/** The record files of one version, keyed by path relative to the project root. */
export type ContentVersion = Map<string, RecordFile>;

/** A file seen as moved between the two versions (as git reports it). */
export interface FileRename {
  from: string;
  to: string;
}

export type ChangeOp = 'set' | 'add' | 'remove' | 'move';

export interface Change {
  op: ChangeOp;
  /** Readable French labels from the record down to the changed value (the record's id not included). */
  path: string[];
  /** JSON pointer of the value in the new version, or in the old one for a removal. */
  pointer: string;
  /** Old value (set, remove). */
  before?: unknown;
  /** New value (set, add). */
  after?: unknown;
  /** Moves: 0-based position of the item in the old list. */
  from?: number;
  /** Moves: 0-based position of the item in the new list. */
  to?: number;
  /** The values as a French reader sees them: « texte », 44,29 %, oui/non. */
  shown: { before?: string; after?: string };
}

export type RecordChangeKind = 'added' | 'removed' | 'renamed' | 'changed';

export interface RecordChange {
  kind: RecordChangeKind;
  recordKind: RecordKind;
  /** Identifier of the record (its new one when it changed); from the file name when unreadable. */
  id: string;
  /** The record's intitulé, when it has one. */
  title?: string;
  /** The file in the new version, or the removed file. */
  file: string;
  /** The file in the old version, for renamed records. */
  previousFile?: string;
  /** Field-level changes; none for added and removed records. */
  changes: Change[];
  /** Versions that could not be read (no field-by-field comparison then), with the reason. */
  unreadable?: { before?: string; after?: string };
}

/** Lists the changes between two versions, one entry per affected record, sorted by file. */
export function diffRecords(
  before: ContentVersion,
  after: ContentVersion,
  renames: readonly FileRename[],
  schemas: SchemaFiles,
): RecordChange[] {
  const pending = { before: new Set(before.keys()), after: new Set(after.keys()) };
  const pairs: { from: string; to: string }[] = [];
  const pair = (from: string, to: string) => {
    pairs.push({ from, to });
    pending.before.delete(from);
    pending.after.delete(to);
  };
  // The same record: the same path, then a file git saw moved, then a file of the same kind and id.
  for (const file of after.keys()) if (before.has(file)) pair(file, file);
  for (const { from, to } of renames) {
    if (pending.before.has(from) && pending.after.has(to) && before.get(from)!.kind === after.get(to)!.kind) pair(from, to);
  }
  for (const to of [...pending.after]) {
    const target = after.get(to)!;
    const from = [...pending.before].find((file) => {
      const candidate = before.get(file)!;
      return candidate.kind === target.kind && recordId(file, candidate) === recordId(to, target);
    });
    if (from !== undefined) pair(from, to);
  }

  const result: RecordChange[] = [];
  for (const { from, to } of pairs) {
    const change = compareFile(from, before.get(from)!, to, after.get(to)!, schemas);
    if (change) result.push(change);
  }
  for (const file of pending.before) result.push(wholeFile('removed', file, before.get(file)!));
  for (const file of pending.after) result.push(wholeFile('added', file, after.get(file)!));
  return result.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

function kindInfo(kind: RecordKind): RecordKindInfo {
  return RECORD_KINDS.find((k) => k.kind === kind)!;
}

/** The record's identifier, or the one its file name announces ("content/rome/k1704.yaml" → "K1704"). */
function recordId(file: string, record: RecordFile): string {
  const id = 'data' in record ? record.data[kindInfo(record.kind).idField] : undefined;
  if (typeof id === 'string' && id !== '') return id;
  return (file.split('/').pop() ?? '').replace(/\.ya?ml$/i, '').toUpperCase();
}

function describeRecord(kind: RecordChangeKind, file: string, record: RecordFile): RecordChange {
  const title = 'data' in record ? record.data.intitule : undefined;
  return {
    kind,
    recordKind: record.kind,
    id: recordId(file, record),
    ...(typeof title === 'string' ? { title } : {}),
    file,
    changes: [],
  };
}

function wholeFile(kind: 'added' | 'removed', file: string, record: RecordFile): RecordChange {
  const change = describeRecord(kind, file, record);
  if ('problem' in record) change.unreadable = kind === 'added' ? { after: record.problem } : { before: record.problem };
  return change;
}

function compareFile(from: string, before: RecordFile, to: string, after: RecordFile, schemas: SchemaFiles): RecordChange | undefined {
  const change = describeRecord(from === to ? 'changed' : 'renamed', to, after);
  if (from !== to) change.previousFile = from;
  if ('data' in before && 'data' in after) {
    const rootFile = kindInfo(after.kind).schemaFile;
    const walk: Walk = { at: { schema: schemas.get(rootFile) as JsonSchema, file: rootFile }, steps: [], segments: [], beforeSegments: [] };
    diffValue({ schemas, out: change.changes }, walk, before.data, after.data);
  } else {
    if ('problem' in before && 'problem' in after && before.raw === after.raw && from === to) return undefined;
    change.unreadable = {
      ...('problem' in before ? { before: before.problem } : {}),
      ...('problem' in after ? { after: after.problem } : {}),
    };
  }
  return change.kind === 'changed' && change.changes.length === 0 && !change.unreadable ? undefined : change;
}

// ---------------------------------------------------------------------------------------------
// Readable places: labels and list identities of the fields the records hold.

type Fields = Record<string, unknown>;

interface PlaceRule {
  /** Left out of a path when the change is inside it: the labels below it say enough. */
  hidden?: true;
  /** The label, from the value (new, else old); the schema title when absent or undefined. */
  label?: (value: Fields) => string | undefined;
  /** For lists: the fields whose values identify an item, tried in order before whole-item equality. */
  identity?: string[][];
}

/** Places by path, "*" standing for any one segment (a list position or a field name). */
const PLACES: Record<string, PlaceRule> = {
  marche_du_travail: { hidden: true },
  'marche_du_travail/salaires_offres': {
    label: (v) => (typeof v.periode === 'string' ? `salaires (${formatPeriodShort(v.periode)})` : 'salaires'),
  },
  'marche_du_travail/salaires_offres/tranches': { hidden: true, identity: [['min', 'max']] },
  'marche_du_travail/salaires_offres/tranches/*': { label: bracketLabel },
  'marche_du_travail/repartitions': { hidden: true },
  'marche_du_travail/repartitions/*/lignes': { hidden: true, identity: [['libelle']] },
  'marche_du_travail/repartitions/*/lignes/*': { label: (v) => scalarText(v.libelle) },
  debouches: { hidden: true },
  blocs: { hidden: true, identity: [['numero'], ['code']] },
  'blocs/*': { label: (v) => prefixed('bloc', scalarText(v.numero) ?? scalarText(v.code)) },
  statistiques_promotions: { hidden: true, identity: [['annee']] },
  'statistiques_promotions/*': { label: (v) => prefixed('promotion', scalarText(v.annee)) },
  certificateurs: { hidden: true, identity: [['siret'], ['nom']] },
  'certificateurs/*': { label: (v) => prefixed('certificateur', scalarText(v.nom)) },
  codes_nsf: { hidden: true, identity: [['code']] },
  'codes_nsf/*': { label: (v) => prefixed('NSF', scalarText(v.code)) },
  formacodes: { hidden: true, identity: [['code']] },
  'formacodes/*': { label: (v) => prefixed('formacode', scalarText(v.code)) },
  sources: { hidden: true, identity: [['id']] },
  'sources/*': { label: (v) => prefixed('source', scalarText(v.id)) },
};

const PLACE_PATTERNS = Object.entries(PLACES).map(([pattern, rule]) => ({ segments: pattern.split('/'), rule }));

function placeRule(segments: readonly PathSegment[]): PlaceRule | undefined {
  return PLACE_PATTERNS.find(
    (p) => p.segments.length === segments.length && p.segments.every((s, i) => s === '*' || s === String(segments[i])),
  )?.rule;
}

/** A salary bracket by its bounds: « 1830–3049 € », « jusqu'à 914 € », « à partir de 3050 € ». */
function bracketLabel(v: Fields): string | undefined {
  const min = typeof v.min === 'number' ? v.min : undefined;
  const max = typeof v.max === 'number' ? v.max : undefined;
  if (min !== undefined && max !== undefined) return `${formatNumber(min)}–${formatEuros(max)}`;
  if (max !== undefined) return `jusqu'à ${formatEuros(max)}`;
  return min === undefined ? undefined : `à partir de ${formatEuros(min)}`;
}

/** An identifying value as written: numbers here are years or ranks, never grouped by thousands. */
function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  return typeof value === 'number' ? String(value) : undefined;
}

function prefixed(word: string, value: string | undefined): string | undefined {
  return value === undefined ? undefined : `${word} ${value}`;
}

/** A schema title as a path label: first letter in lower case (acronyms kept), unit suffixes dropped (values carry them). */
function titleLabel(schemas: SchemaFiles, at: SchemaAt | undefined): string | undefined {
  const title = at ? describeSchema(schemas, at).title : undefined;
  if (!title) return undefined;
  const lowered = /^.[A-Z]/u.test(title) ? title : title.charAt(0).toLowerCase() + title.slice(1);
  return lowered.replace(/ \((%|€)\)$/, '');
}

// ---------------------------------------------------------------------------------------------
// The walk.

interface Context {
  schemas: SchemaFiles;
  out: Change[];
}

interface Step {
  label: string;
  hidden: boolean;
}

/** Where the walk is: the schema there, the labels so far, and the value's place in each version. */
interface Walk {
  at: SchemaAt | undefined;
  steps: Step[];
  segments: PathSegment[];
  beforeSegments: PathSegment[];
}

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The explicit « { aucune_donnee: true } » marker of a figure the source does not publish. */
function isNoData(value: unknown): value is Fields {
  return isFields(value) && value.aucune_donnee === true;
}

/** JSON text with sorted keys: equal values, equal text. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    isFields(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, v[k]]),
        )
      : v,
  );
}

function labels(steps: readonly Step[]): string[] {
  return steps.filter((step, i) => !step.hidden || i === steps.length - 1).map((step) => step.label);
}

function emit(ctx: Context, walk: Walk, change: Omit<Change, 'path' | 'pointer' | 'shown'>, pointerSegments = walk.segments): void {
  const shown: Change['shown'] = {};
  if ('before' in change) shown.before = show(ctx.schemas, change.before, walk.at);
  if ('after' in change) shown.after = show(ctx.schemas, change.after, walk.at);
  const { op, ...values } = change;
  ctx.out.push({ op, path: labels(walk.steps), pointer: toPointer(pointerSegments), ...values, shown });
}

function diffValue(ctx: Context, walk: Walk, before: unknown, after: unknown): void {
  if (canonical(before) === canonical(after)) return;
  if (isFields(before) && isFields(after) && isNoData(before) === isNoData(after)) {
    diffFields(ctx, walk, before, after);
  } else if (Array.isArray(before) && Array.isArray(after)) {
    diffList(ctx, walk, before, after);
  } else {
    emit(ctx, walk, { op: 'set', before, after });
  }
}

function fieldWalk(ctx: Context, walk: Walk, key: string, value: unknown): Walk {
  const segments = [...walk.segments, key];
  const at = walk.at && childSchema(ctx.schemas, walk.at, key);
  const rule = placeRule(segments);
  const label = (isFields(value) ? rule?.label?.(value) : undefined) ?? titleLabel(ctx.schemas, at) ?? key;
  return { at, segments, beforeSegments: [...walk.beforeSegments, key], steps: [...walk.steps, { label, hidden: rule?.hidden ?? false }] };
}

function diffFields(ctx: Context, walk: Walk, before: Fields, after: Fields): void {
  const keys = [...Object.keys(after), ...Object.keys(before).filter((k) => !Object.hasOwn(after, k))];
  for (const key of keys) {
    const inBefore = Object.hasOwn(before, key);
    const inAfter = Object.hasOwn(after, key);
    const child = fieldWalk(ctx, walk, key, inAfter ? after[key] : before[key]);
    if (!inBefore) emit(ctx, child, { op: 'add', after: after[key] });
    else if (!inAfter) emit(ctx, child, { op: 'remove', before: before[key] }, child.beforeSegments);
    else diffValue(ctx, child, before[key], after[key]);
  }
}

function diffList(ctx: Context, walk: Walk, before: unknown[], after: unknown[]): void {
  const rule = placeRule(walk.segments);
  const afterOf = matchItems(before, after, rule?.identity ?? []);
  const beforeOf = new Map([...afterOf].map(([i, j]) => [j, i]));
  const moved = movedItems(afterOf);
  const itemAt = walk.at && childSchema(ctx.schemas, walk.at, '0');
  /** The walk into an item; plain values in a list have no label of their own unless one is given. */
  const itemWalk = (item: unknown, i: number, j: number, scalarLabel?: string): Walk => {
    const segments = [...walk.segments, j];
    const itemRule = placeRule(segments);
    const label = isFields(item) ? (itemRule?.label?.(item) ?? `élément ${j + 1}`) : scalarLabel;
    const steps = label === undefined ? walk.steps : [...walk.steps, { label, hidden: false }];
    return { at: itemAt, segments, beforeSegments: [...walk.beforeSegments, i], steps };
  };

  before.forEach((item, i) => {
    if (afterOf.has(i)) return;
    const removed = itemWalk(item, i, i);
    emit(ctx, removed, { op: 'remove', before: item }, removed.beforeSegments);
  });
  after.forEach((item, j) => {
    const i = beforeOf.get(j);
    if (i === undefined) {
      emit(ctx, itemWalk(item, j, j), { op: 'add', after: item });
      return;
    }
    if (moved.has(i)) emit(ctx, itemWalk(item, i, j, show(ctx.schemas, item, itemAt)), { op: 'move', from: i, to: j });
    diffValue(ctx, itemWalk(item, i, j, `élément ${j + 1}`), before[i], item);
  });
}

/**
 * Pairs old and new items (old index → new index): by each identity in turn, then by equal
 * value, then an item left alone at the same position on both sides (an edit in place).
 */
function matchItems(before: readonly unknown[], after: readonly unknown[], identity: readonly string[][]): Map<number, number> {
  const afterOf = new Map<number, number>();
  const taken = new Set<number>();
  const keyOf = (fields: readonly string[]) => (item: unknown) => {
    if (!isFields(item) || fields.every((f) => item[f] === undefined)) return undefined;
    return canonical(fields.map((f) => item[f] ?? null));
  };
  for (const key of [...identity.map(keyOf), canonical]) {
    const waiting = new Map<string, number[]>();
    before.forEach((item, i) => {
      const k = afterOf.has(i) ? undefined : key(item);
      if (k !== undefined) waiting.set(k, [...(waiting.get(k) ?? []), i]);
    });
    after.forEach((item, j) => {
      const k = taken.has(j) ? undefined : key(item);
      const i = k === undefined ? undefined : waiting.get(k)?.shift();
      if (i === undefined) return;
      afterOf.set(i, j);
      taken.add(j);
    });
  }
  after.forEach((_, j) => {
    if (!taken.has(j) && j < before.length && !afterOf.has(j)) {
      afterOf.set(j, j);
      taken.add(j);
    }
  });
  return afterOf;
}

/**
 * The old indices of the items that moved: all but the largest set that kept its relative order
 * (preferring, among equally large sets, the one where most items kept their exact position).
 */
function movedItems(afterOf: ReadonlyMap<number, number>): Set<number> {
  const pairs = [...afterOf].sort((a, b) => a[0] - b[0]);
  const best = pairs.map(([i, j]) => ({ length: 1, exact: i === j ? 1 : 0, previous: -1 }));
  for (let k = 0; k < pairs.length; k++) {
    for (let p = 0; p < k; p++) {
      if (pairs[p][1] >= pairs[k][1]) continue;
      const length = best[p].length + 1;
      const exact = best[p].exact + (pairs[k][0] === pairs[k][1] ? 1 : 0);
      if (length > best[k].length || (length === best[k].length && exact > best[k].exact)) best[k] = { length, exact, previous: p };
    }
  }
  const stayed = new Set<number>();
  let end = -1;
  best.forEach((b, k) => {
    if (end === -1 || b.length > best[end].length || (b.length === best[end].length && b.exact > best[end].exact)) end = k;
  });
  for (let k = end; k !== -1; k = best[k].previous) stayed.add(pairs[k][0]);
  return new Set(pairs.map(([i]) => i).filter((i) => !stayed.has(i)));
}

// ---------------------------------------------------------------------------------------------
// Values in French.

/** Whether the schema at a place is, or falls back to, a given shared definition. */
function resolvesTo(schemas: SchemaFiles, at: SchemaAt, target: unknown): boolean {
  const resolved = resolveRef(schemas, at);
  if (resolved.schema === target) return true;
  return ['then', 'else'].some((key) => {
    const branch = resolved.schema[key] as JsonSchema | undefined;
    return branch !== undefined && resolvesTo(schemas, { schema: branch, file: resolved.file }, target);
  });
}

function sharedDefinition(schemas: SchemaFiles, name: string): unknown {
  return (schemas.get('definitions.schema.json')?.definitions as Record<string, unknown> | undefined)?.[name];
}

function showNumber(schemas: SchemaFiles, value: number, at: SchemaAt | undefined): string {
  if (at && resolvesTo(schemas, at, sharedDefinition(schemas, 'pourcentage'))) return formatPercent(value);
  if (at && resolvesTo(schemas, at, sharedDefinition(schemas, 'montant_euros'))) return formatEuros(value);
  if (at && resolvesTo(schemas, at, sharedDefinition(schemas, 'annee'))) return String(value);
  return formatNumber(value);
}

/** A value as a French reader sees it, on one line: « texte », 44,29 %, oui, « a », « b », champ : valeur ; … */
function show(schemas: SchemaFiles, value: unknown, at: SchemaAt | undefined): string {
  if (value === null || value === undefined) return 'vide';
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (typeof value === 'number') return showNumber(schemas, value, at);
  if (typeof value === 'string') return quote(value.replace(/\r?\n/g, ' ↵ '));
  if (Array.isArray(value)) {
    if (value.length === 0) return 'liste vide';
    const itemAt = at && childSchema(schemas, at, '0');
    return value.map((item) => nested(schemas, item, itemAt)).join(', ');
  }
  if (isNoData(value)) return typeof value.mention === 'string' ? `aucune donnée (${quote(value.mention)})` : 'aucune donnée';
  if (!isFields(value)) return String(value);
  return Object.entries(value)
    .map(([key, field]) => {
      const fieldAt = at && childSchema(schemas, at, key);
      return `${titleLabel(schemas, fieldAt) ?? key} : ${nested(schemas, field, fieldAt)}`;
    })
    .join(' ; ');
}

/** A value inside another: sets of fields in parentheses. */
function nested(schemas: SchemaFiles, value: unknown, at: SchemaAt | undefined): string {
  const text = show(schemas, value, at);
  return isFields(value) && !isNoData(value) ? `(${text})` : text;
}
