import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from '../../src/core/files/text-decoding.ts';

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));

describe('decodeUtf8', () => {
  it('decodes UTF-8 and drops a byte-order mark', () => {
    expect(decodeUtf8(bytes([0xef, 0xbb, 0xbf], 'é: 1'))).toEqual({ ok: true, text: 'é: 1', hadBom: true });
    expect(decodeUtf8(bytes('a: b'))).toEqual({ ok: true, text: 'a: b', hadBom: false });
  });

  it.each([
    { name: 'Latin-1 é', input: bytes('a: 1\nb: M', [0xe9], 'tier'), line: 2, column: 5, byteOffset: 9 },
    { name: 'lone continuation byte', input: bytes([0x80]), line: 1, column: 1, byteOffset: 0 },
    { name: 'overlong encoding of "/"', input: bytes('x', [0xc0, 0xaf]), line: 1, column: 2, byteOffset: 1 },
    { name: 'UTF-16 surrogate', input: bytes('é', [0xed, 0xa0, 0x80]), line: 1, column: 2, byteOffset: 2 },
    { name: 'truncated sequence at the end', input: bytes('ab\ncd', [0xe2, 0x82]), line: 2, column: 3, byteOffset: 5 },
    { name: 'byte after a lone CR line break', input: bytes('a\rb\r\n', [0x80]), line: 3, column: 1, byteOffset: 5 },
    { name: 'code point above U+10FFFF', input: bytes([0xf4, 0x90, 0x80, 0x80]), line: 1, column: 1, byteOffset: 0 },
  ])('locates $name', ({ input, line, column, byteOffset }) => {
    expect(decodeUtf8(input)).toEqual({ ok: false, line, column, byteOffset });
  });

  it('counts columns in characters, not bytes, before the invalid byte', () => {
    expect(decodeUtf8(bytes('éèà', [0xff]))).toMatchObject({ ok: false, line: 1, column: 4 });
  });
});
