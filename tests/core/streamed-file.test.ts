/** core/files/streamed-file.ts: large files written piece by piece, put in place only once complete. */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { gzipStreamedFile, streamedFile } from '../../src/core/files/streamed-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'certidocs-streamed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Lines of about 100 bytes, enough to pass the megabyte at which writes go out several times. */
const lines = Array.from({ length: 30_000 }, (_, i) => `{"n":${i},"texte":"${'é'.repeat(40)}"}\n`);

describe('streamedFile', () => {
  it('writes every piece in order, and replaces the target only on close', () => {
    const path = join(dir, 'plain.ndjson');
    writeFileSync(path, 'previous\n');
    const file = streamedFile(path);
    for (const line of lines) file.write(line);
    expect(readFileSync(path, 'utf8')).toBe('previous\n');
    file.close();
    expect(readFileSync(path, 'utf8')).toBe(lines.join(''));
    expect(existsSync(`${path}.tmp`)).toBe(false);
  });
});

describe('gzipStreamedFile', () => {
  it('writes one gzip stream of every piece in order, and replaces the target only on close', async () => {
    const path = join(dir, 'dump.ndjson.gz');
    writeFileSync(path, 'previous');
    const file = gzipStreamedFile(path);
    for (const line of lines) await file.write(line);
    expect(readFileSync(path, 'utf8')).toBe('previous');
    await file.close();
    const bytes = readFileSync(path);
    expect(gunzipSync(bytes).toString('utf8')).toBe(lines.join(''));
    // Compressed: the repeated text takes a small fraction of its 2.6 MB.
    expect(bytes.length).toBeLessThan(Buffer.byteLength(lines.join('')) / 10);
    expect(existsSync(`${path}.tmp`)).toBe(false);
  });

  it('bounds its size from above at any point, closely once the text reaches the compressor', async () => {
    // Random text compresses little, so that the compressor's output is most of the size.
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647);
    const noisy = Array.from({ length: 30_000 }, () => `{"n":"${random().toString(36)}${random().toString(36)}é"}\n`);
    for (const count of [0, 1, 50, 12_000, 30_000]) {
      const path = join(dir, `bound-${count}.ndjson.gz`);
      const file = gzipStreamedFile(path);
      for (const line of noisy.slice(0, count)) await file.write(line);
      const bound = file.sizeBound();
      await file.close();
      const size = readFileSync(path).length;
      expect(bound, `${count} lines`).toBeGreaterThanOrEqual(size);
      // What it overestimates is the text not yet compressed, under a megabyte, counted three bytes a unit.
      expect(bound - size, `${count} lines`).toBeLessThan(3 * (1 << 20) + 1_000);
    }
  });

  it('leaves the target as it was, and no temporary file, when aborted', async () => {
    const path = join(dir, 'aborted.ndjson.gz');
    writeFileSync(path, 'kept');
    const file = gzipStreamedFile(path);
    for (const line of lines.slice(0, 20_000)) await file.write(line);
    file.abort();
    for (let tries = 0; existsSync(`${path}.tmp`) && tries < 50; tries++) await new Promise((done) => setTimeout(done, 20));
    expect(readFileSync(path, 'utf8')).toBe('kept');
    expect(readdirSync(dir).filter((name) => name.startsWith('aborted'))).toEqual(['aborted.ndjson.gz']);
  });
});
