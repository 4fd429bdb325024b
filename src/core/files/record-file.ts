/** Reads one version of a record file from its bytes, as the diff and the history compare them. */
import type { RecordKind } from '../kinds/record-kinds.ts';
import type { RecordFile } from '../diff/semantic-diff.ts';
import { decodeUtf8 } from './text-decoding.ts';
import { readPlainYaml } from './fast-yaml.ts';
import { parseYaml } from './yaml-source.ts';

/** Its data, or why it cannot be read (never an exception). */
export function readRecordFile(kind: RecordKind, file: string, bytes: Uint8Array): RecordFile {
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    return {
      kind,
      problem: `ligne ${decoded.line}, colonne ${decoded.column} : le fichier n'est pas en UTF-8 (octet invalide, position ${decoded.byteOffset}).`,
      raw: Buffer.from(bytes).toString('base64'),
    };
  }
  const plain = readPlainYaml(decoded.text);
  if (plain !== undefined) return { kind, data: plain };
  const parsed = parseYaml(decoded.text, file);
  if (parsed.data !== undefined) return { kind, data: parsed.data as Record<string, unknown> };
  const first = parsed.diagnostics[0];
  return { kind, problem: `ligne ${first.line}, colonne ${first.column} : ${first.message}`, raw: decoded.text };
}
