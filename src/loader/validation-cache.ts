/**
 * Repeat builds: a content file whose bytes are those of the last successful load is not parsed
 * again; its data comes back from the JSON that load stored, checked against its schema. Each
 * file's digest is salted with a fingerprint of the schemas, the code and the lockfile, so a change
 * to any of them validates everything again. The cross-record checks always see every record.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ContentFile } from '../core/files/content-files.ts';
import { hashTree } from '../core/files/tree-hash.ts';
import type { Reuse } from '../core/validation/validate-content.ts';
import { idFromFileName } from '../core/kinds/record-kinds.ts';
import { readStoredRecord } from '../site/open-data.ts';

const DIGESTS = '.cache/certidocs/digests.json';

export interface ValidationCache {
  reuse: Reuse;
  /** Project-relative paths of the files whose data was reused by this load. */
  reused: Set<string>;
  /** The digest of a content file read by this load. */
  digest(file: string): string | undefined;
  /** Records this load's digests as the reference for the next load; called once it succeeded. */
  save(): void;
}

/** What every digest depends on besides the file itself. */
function fingerprint(root: string): string {
  const lockfile = join(root, 'package-lock.json');
  const dependencies = existsSync(lockfile) ? createHash('sha256').update(readFileSync(lockfile)).digest('hex') : '';
  return [hashTree(join(root, 'schemas')), hashTree(join(root, 'src')), dependencies].join('\0');
}

export function validationCache(root: string): ValidationCache {
  const salt = fingerprint(root);
  const path = join(root, DIGESTS);
  const previous = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>) : {};
  const current: Record<string, string> = {};
  const reused = new Set<string>();
  return {
    reused,
    digest: (file) => current[file],
    reuse: {
      dataOf(file: ContentFile, bytes: Uint8Array) {
        const digest = createHash('sha256').update(salt).update(bytes).digest('hex');
        current[file.file] = digest;
        if (previous[file.file] !== digest || !file.kind) return undefined;
        // A valid file is named after its record (rule unique-id): the name gives the stored JSON.
        try {
          return readStoredRecord(root, file.kind.kind, idFromFileName(file.file)) as unknown;
        } catch {
          // Missing or damaged: validate the file again, which stores it anew.
          return undefined;
        }
      },
      accepted(file: ContentFile) {
        reused.add(file.file);
      },
    },
    save() {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, `${JSON.stringify(current)}\n`);
    },
  };
}
