/**
 * Why an import stopped, as plain data that crosses from a worker thread to the caller, and back into the error
 * the caller would have met in its own thread: a FlowError (the export cannot be read), an ImportError, or a
 * system error with its code (a full disk).
 */
import { FlowError } from './flow-reader.ts';

/** Why an import stopped without touching content/. */
export class ImportError extends Error {
  readonly detail: string;

  constructor(message: string, detail: string) {
    super(message);
    this.detail = detail;
  }
}

export type Failure =
  | { type: 'flow'; message: string; file: string; hint: string; line: number | undefined; column: number | undefined }
  | { type: 'import'; message: string; detail: string }
  | { type: 'system'; message: string; code: string | undefined; stack: string | undefined };

export function describeFailure(error: unknown): Failure {
  if (error instanceof FlowError) {
    return { type: 'flow', message: error.message, file: error.file, hint: error.hint, line: error.line, column: error.column };
  }
  if (error instanceof ImportError) return { type: 'import', message: error.message, detail: error.detail };
  const cause = error as NodeJS.ErrnoException;
  return { type: 'system', message: cause?.message ?? String(error), code: cause?.code, stack: cause?.stack };
}

export function failureError(failure: Failure): Error {
  if (failure.type === 'flow') return new FlowError(failure.message, failure.file, failure.hint, failure.line, failure.column);
  if (failure.type === 'import') return new ImportError(failure.message, failure.detail);
  return Object.assign(new Error(failure.message), { code: failure.code, stack: failure.stack });
}
