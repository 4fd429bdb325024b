/** Finds the files of a content tree and tells which record kind each one holds. */
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { kindForFolder, RECORD_KINDS } from '../kinds/record-kinds.ts';
import type { RecordKindInfo } from '../kinds/record-kinds.ts';

export interface ContentFile {
  /** Absolute path. */
  path: string;
  /** Path relative to the project root, with forward slashes, as shown in diagnostics. */
  file: string;
  /** The kind its folder holds, or undefined for a file outside every record folder. */
  kind: RecordKindInfo | undefined;
  /** Whether the name ends in .yaml or .yml. */
  isYaml: boolean;
}

/** Lists every file under contentDir (hidden files and folders excluded), sorted by path, each with the kind its folder holds. */
export function listContentFiles(root: string, contentDir: string, kinds: readonly RecordKindInfo[] = RECORD_KINDS): ContentFile[] {
  const files: ContentFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) {
        const inContent = relative(contentDir, path).split(sep);
        files.push({
          path,
          file: relative(root, path).split(sep).join('/'),
          kind: inContent.length === 2 ? kindForFolder(inContent[0], kinds) : undefined,
          isYaml: /\.ya?ml$/i.test(entry.name),
        });
      }
    }
  };
  walk(contentDir);
  return files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
