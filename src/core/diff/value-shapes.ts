/** The shapes a record's values take, as the diff tells them apart and compares them. */

export type Fields = Record<string, unknown>;

/** Whether a value is a set of fields (a mapping), not a list or a plain value. */
export function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The explicit « { aucune_donnee: true } » marker of a figure the source does not publish. */
export function isNoData(value: unknown): value is Fields {
  return isFields(value) && value.aucune_donnee === true;
}

/** JSON text with sorted keys: equal values, equal text. */
export function canonical(value: unknown): string {
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
