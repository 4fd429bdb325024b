/** One finding about a content file, located precisely enough for an editor to jump to it. */
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** Path relative to the project root, with forward slashes. */
  file: string;
  /** 1-based line of the offending node. */
  line: number;
  /** 1-based column of the offending node. */
  column: number;
  /** JSON pointer of the offending value inside the record ("" for the whole file). */
  pointer: string;
  /** What is wrong, in French, for a non-programmer. */
  message: string;
  /** How to fix it, in French. */
  hint: string;
  /** Stable identifier of the check that produced it. */
  rule: string;
}

/** Orders diagnostics by file, then position, then rule, so every output is stable. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      compareText(a.rule, b.rule) ||
      compareText(a.message, b.message),
  );
}

/** Counts errors and warnings. */
export function countDiagnostics(diagnostics: Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const d of diagnostics) if (d.severity === 'error') errors++;
  return { errors, warnings: diagnostics.length - errors };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
