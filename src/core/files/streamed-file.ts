/**
 * A large file written piece by piece: what is written goes out in chunks of about a megabyte, so the
 * whole file never sits in memory, into a temporary file that replaces the target only once complete.
 * Replacing rather than overwriting matters where hard links point at the old file (a built site).
 */
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

const CHUNK_BYTES = 1 << 20;

export interface StreamedFile {
  write(text: string): void;
  /** Writes what is left and puts the file in place. */
  close(): void;
  /** Drops the temporary file, leaving the target as it was. */
  abort(): void;
}

export function streamedFile(path: string): StreamedFile {
  const temporary = `${path}.tmp`;
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(temporary, 'w');
  let pending: string[] = [];
  let size = 0;
  let open = true;
  const flush = () => {
    if (pending.length > 0) writeSync(fd, pending.join(''));
    pending = [];
    size = 0;
  };
  return {
    write(text) {
      pending.push(text);
      // UTF-16 length: a bound on the chunk's size good enough to keep memory flat.
      size += text.length;
      if (size >= CHUNK_BYTES) flush();
    },
    close() {
      flush();
      closeSync(fd);
      open = false;
      renameSync(temporary, path);
    },
    abort() {
      if (open) closeSync(fd);
      open = false;
      rmSync(temporary, { force: true });
    },
  };
}
