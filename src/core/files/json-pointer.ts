/** JSON pointers (RFC 6901) as used in diagnostics and by ajv's instancePath. */
export type PathSegment = string | number;

/** Turns path segments into a JSON pointer: ["blocs", 2] → "/blocs/2". */
export function toPointer(path: readonly PathSegment[]): string {
  return path.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** Splits a JSON pointer into segments; numeric segments stay strings. */
export function fromPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}
