/**
 * The Astro content loader: a thin face over the data core. A bad file fails `astro build` with
 * the validator's file:line:col messages; in `astro dev` it logs them and keeps the last good data.
 */
import { existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AstroError } from 'astro/errors';
import type { Loader, LoaderContext } from 'astro/loaders';
import { z } from 'astro/zod';
import { listContentFiles } from '../core/files/content-files.ts';
import { countDiagnostics } from '../core/validation/diagnostic.ts';
import { RECORD_KINDS } from '../core/kinds/record-kinds.ts';
import type { RecordKind } from '../core/kinds/record-kinds.ts';
import { createContentValidator } from '../core/validation/validate-content.ts';
import type { ContentValidator, ValidationResult } from '../core/validation/validate-content.ts';
import { render } from '../core/validation/reporters.ts';
import { recordStoreWriter } from '../site/open-data.ts';
import { publishRegistryDownloads } from '../site/registry-downloads.ts';
import { validationCache } from './validation-cache.ts';
import type { ValidationCache } from './validation-cache.ts';
import { entriesOf } from './entry.ts';

/** One validation shared by every collection of a run, redone only when a content file changed. */
interface SharedValidation {
  validator: ContentValidator;
  fingerprint: string;
  result: ValidationResult;
  cache: ValidationCache;
  /** Kinds whose records this result has stored: once all are, the downloads are made and the cache saved. */
  published: Set<RecordKind>;
  /** Whether this result's errors were already logged (by another collection). */
  logged: boolean;
}
const shared = new Map<string, SharedValidation>();

function validateCached(root: string, contentDir: string): SharedValidation {
  const fingerprint = fingerprintOf(root, contentDir);
  const cached = shared.get(root);
  if (cached && cached.fingerprint === fingerprint) return cached;
  const validator = cached?.validator ?? createContentValidator({ root, contentDir });
  const cache = validationCache(root);
  const fresh = { validator, fingerprint, result: validator.validate(cache.reuse), cache, published: new Set<RecordKind>(), logged: false };
  shared.set(root, fresh);
  return fresh;
}

/** Paths, sizes and modification times of every content file: cheap to compute, changes on any edit. */
function fingerprintOf(root: string, contentDir: string): string {
  if (!existsSync(contentDir)) return '';
  return listContentFiles(root, contentDir)
    .map((f) => {
      const stat = statSync(f.path, { throwIfNoEntry: false });
      return `${f.file}:${stat?.size}:${stat?.mtimeMs}`;
    })
    .join('\n');
}

/** A loader for one record kind of the content tree. */
export function certidocsLoader(kind: RecordKind): Loader {
  let watching = false;
  return {
    name: `certidocs-${kind}`,
    async load(ctx: LoaderContext) {
      const root = fileURLToPath(ctx.config.root);
      const contentDir = join(root, 'content');
      const sync = () => syncCollection(ctx, kind, root, contentDir);
      await sync();
      if (ctx.watcher && !watching) {
        watching = true;
        ctx.watcher.add(contentDir);
        const onEvent = (path: string) => {
          if (relative(contentDir, path).startsWith('..')) return;
          // An editor that saves by truncating then writing shows an empty file for an instant.
          if (statSync(path, { throwIfNoEntry: false })?.size === 0) return;
          sync().catch((error: unknown) => ctx.logger.error(error instanceof Error ? error.message : String(error)));
        };
        ctx.watcher.on('change', onEvent);
        ctx.watcher.on('add', onEvent);
        ctx.watcher.on('unlink', onEvent);
      }
    },
    createSchema: async () => ({
      schema: z.any(),
      // Astro writes these types to .astro/loaders/<collection>.ts: the entry type is site/outline.ts's, not a copy.
      types: `import type { RecordEntry } from '../../src/site/outline.ts';\nexport type Entry = RecordEntry<'${kind}'>;\n`,
    }),
  };
}

async function syncCollection(ctx: LoaderContext, kind: RecordKind, root: string, contentDir: string): Promise<void> {
  const validation = validateCached(root, contentDir);
  const { result } = validation;
  const { errors } = countDiagnostics(result.diagnostics);
  if (errors > 0) {
    const report = render({ files: result.files, diagnostics: result.diagnostics.filter((d) => d.severity === 'error') }, 'text');
    const message = `Le contenu n'est pas valide :\n${report}`;
    // In dev, keep serving the last good data while the editor fixes the file.
    if (ctx.watcher) {
      if (!validation.logged) ctx.logger.error(message);
      validation.logged = true;
      return;
    }
    throw invalidContentError(message);
  }
  ctx.store.clear();
  const store = recordStoreWriter(root, kind);
  for (const { id, record, entry } of entriesOf(result.records, result.diagnostics, kind)) {
    // An unchanged file's stored JSON is already right.
    if (validation.cache.reused.has(entry.file)) store.keep(id);
    else store.write(id, record);
    // The file's own digest: the entry changes whenever its file does, even outside the outline.
    ctx.store.set({
      id,
      data: entry,
      filePath: entry.file,
      digest: validation.cache.digest(entry.file) ?? ctx.generateDigest(entry),
    });
  }
  store.finish();
  const complete = validation.published.size === RECORD_KINDS.length;
  validation.published.add(kind);
  if (!complete && validation.published.size === RECORD_KINDS.length) {
    // Every kind's records are stored: the whole-registry downloads are made from them, once per result.
    const started = performance.now();
    await publishRegistryDownloads(root, result.records);
    ctx.logger.info(
      `téléchargements de tout le registre (NDJSON compressé, CSV) écrits en ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    validation.cache.save();
  }
  const count = result.records[kind].length;
  const unchanged = result.records[kind].filter((r) => validation.cache.reused.has(r.file)).length;
  ctx.logger.info(`${kind} : ${count} fiche(s) chargée(s), dont ${unchanged} inchangée(s) depuis la dernière construction (non relue(s))`);
}

/** An error Astro prints as a message with a hint, without a stack trace: the fault is in content, not code. */
function invalidContentError(message: string): AstroError {
  const error = new AstroError(message, 'Corrigez les fichiers indiqués, puis lancez `npm run validate` pour vérifier.');
  error.stack = '';
  return error;
}
