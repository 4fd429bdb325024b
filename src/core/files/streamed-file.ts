/**
 * A large file written piece by piece: what is written goes out in chunks of about a megabyte, so the
 * whole file never sits in memory, into a temporary file that replaces the target only once complete.
 * Replacing rather than overwriting matters where hard links point at the old file (a built site).
 * The gzip variant compresses on libuv's thread pool, beside the thread that produces the text.
 */
import { closeSync, createWriteStream, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { once } from 'node:events';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { constants, createGzip } from 'node:zlib';

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

export interface GzipStreamedFile {
  /** Resolves at once unless the compressor is a megabyte behind, then once it caught up. */
  write(text: string): Promise<void>;
  /**
   * At least the file's size were it closed now: what the compressor has put out, and the text not yet
   * given to it as if stored uncompressed (three UTF-8 bytes at most for each UTF-16 unit).
   */
  sizeBound(): number;
  /** Compresses what is left and puts the file in place. */
  close(): Promise<void>;
  /** Drops the temporary file, leaving the target as it was. */
  abort(): void;
}

/** A large gzip file written piece by piece, in memory no more than about a megabyte ahead of the disk. */
export function gzipStreamedFile(path: string): GzipStreamedFile {
  const temporary = `${path}.tmp`;
  mkdirSync(dirname(path), { recursive: true });
  // Level 6 is gzip's own default: an NDJSON dump shrinks about eight times.
  const gzip = createGzip({ level: 6 });
  const out = createWriteStream(temporary);
  const done = pipeline(gzip, out);
  // A failed write is reported by close(); until then it must not be an unhandled rejection.
  done.catch(() => undefined);
  let pending: string[] = [];
  let size = 0;
  const flush = async () => {
    const text = pending.join('');
    pending = [];
    size = 0;
    if (text.length === 0) return;
    if (!gzip.write(text)) await once(gzip, 'drain');
    // Everything given so far comes out (a sync flush costs a few bytes a megabyte), so that sizeBound() holds.
    await new Promise<void>((resolve) => gzip.flush(constants.Z_SYNC_FLUSH, () => resolve()));
  };
  return {
    async write(text) {
      pending.push(text);
      size += text.length;
      if (size >= CHUNK_BYTES) await flush();
    },
    sizeBound() {
      // Out of the compressor: written to the file, waiting to be, or still in the compressor's output buffer.
      const compressed = out.bytesWritten + out.writableLength + gzip.readableLength;
      // 5 bytes per 16 KiB: deflate's stored blocks, its worst case; 20: gzip's header and trailer, and the last block.
      return compressed + size * 3 + Math.ceil((size * 3) / 16_384) * 5 + 20;
    },
    async close() {
      await flush();
      gzip.end();
      await done;
      renameSync(temporary, path);
    },
    abort() {
      gzip.destroy();
      // The file stream closes after the compressor: remove what it wrote once it has.
      const remove = () => rmSync(temporary, { force: true });
      void done.then(remove, remove);
    },
  };
}
