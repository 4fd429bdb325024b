/** Turns a file's bytes into text, or says exactly where the bytes stop being UTF-8. */

export type DecodeResult = { ok: true; text: string; hadBom: boolean } | { ok: false; line: number; column: number; byteOffset: number };

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const BOM = 0xfeff;

/** Decodes UTF-8 strictly; on failure, locates the first invalid byte as line and column. */
export function decodeUtf8(bytes: Uint8Array): DecodeResult {
  try {
    let text = strict.decode(bytes);
    const hadBom = text.charCodeAt(0) === BOM;
    if (hadBom) text = text.slice(1);
    return { ok: true, text, hadBom };
  } catch {
    const byteOffset = firstInvalidByte(bytes);
    // Lines break on LF, CRLF or a lone CR, as in YAML.
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, byteOffset)).replace(/\r\n?/g, '\n');
    const lastNewline = before.lastIndexOf('\n');
    const line = before.split('\n').length;
    const column = [...before.slice(lastNewline + 1)].length + 1;
    return { ok: false, line, column, byteOffset };
  }
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes, i);
    if (length === 0) return i;
    i += length;
  }
  return bytes.length;
}

function sequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i];
  if (b0 < 0x80) return 1;
  let length: number;
  let min: number;
  if (b0 >= 0xc2 && b0 <= 0xdf) [length, min] = [2, 0x80];
  else if (b0 >= 0xe0 && b0 <= 0xef) [length, min] = [3, 0x800];
  else if (b0 >= 0xf0 && b0 <= 0xf4) [length, min] = [4, 0x10000];
  else return 0;
  if (i + length > bytes.length) return 0;
  let codePoint = b0 & (0xff >> (length + 1));
  for (let k = 1; k < length; k++) {
    const b = bytes[i + k];
    if ((b & 0xc0) !== 0x80) return 0;
    codePoint = (codePoint << 6) | (b & 0x3f);
  }
  if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return 0;
  return length;
}
