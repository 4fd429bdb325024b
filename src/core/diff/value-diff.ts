/**
 * The walk: two versions of a record's data side by side, field by field and item by item, each
 * change named by the readable path down to it.
 */
import { toPointer } from '../files/json-pointer.ts';
import type { PathSegment } from '../files/json-pointer.ts';
import { childSchema } from '../schemas/schema-store.ts';
import type { SchemaAt, SchemaFiles } from '../schemas/schema-store.ts';
import { show } from './french-values.ts';
import { matchItems, movedItems } from './list-matching.ts';
import { placeRule, titleLabel } from './record-places.ts';
import { canonical, isFields, isNoData } from './value-shapes.ts';
import type { Fields } from './value-shapes.ts';

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

/** The changes between two versions of a record's data, whose schema is at root. */
export function diffRecordData(schemas: SchemaFiles, root: SchemaAt, before: unknown, after: unknown): Change[] {
  const ctx: Context = { schemas, out: [] };
  diffValue(ctx, { at: root, steps: [], segments: [], beforeSegments: [] }, before, after);
  return ctx.out;
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
