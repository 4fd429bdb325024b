/**
 * Cache keys for Astro's incremental build (experimental.incrementalBuild): a page whose key and code are those
 * of the last build is copied from it instead of rendered, so a rebuild after one record changed renders the
 * pages that record appears on, not the registry. A key is a digest of everything a page shows that its code
 * does not fix: its props (the record's outline and file digest, the facts of the records it links to, the
 * reference date) and what the page reads beside them. Astro hashes the code itself (the page's module graph),
 * the configuration (site, base) and the lockfile.
 */
import { createHash } from 'node:crypto';
import type { RegistryFacts } from '../core/registry/registry-facts.ts';
import { buildReferenceDate, hasOwnHistory, lastChangeOf, sourceUrlOf } from './build-facts.ts';
import { calendarsOf } from './calendars.ts';

/** The digest of a page's inputs, as Astro's `cacheKey`. Inputs are JSON: Maps and Sets must be made arrays. */
export function cacheKeyOf(...inputs: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(inputs)).digest('base64url');
}

/**
 * A record page's props as its key sees them: the collection entry by its digest, which changes with its file,
 * the schemas, the code and the lockfile (loader/validation-cache.ts), rather than the whole outline, whose JSON
 * was a tenth of a rebuild's time.
 */
export function recordProps<P extends { entry: { digest?: string | number | undefined } }>(
  props: P,
): Omit<P, 'entry'> & { entry: string | number | undefined } {
  return { ...props, entry: props.entry.digest };
}

/** What every record page (components/RecordPage.astro) reads beside its props: dates and history from git, its source's address. */
export function recordPageInputs(file: string): Record<string, unknown> {
  return { reference: buildReferenceDate(), lastChange: lastChangeOf(file), ownHistory: hasOwnHistory(file), source: sourceUrlOf(file) };
}

/**
 * What an RNCP or RS record page reads beside its props: those of every record page, and the calendars it links
 * (components/registry/CalendarLinks.astro), which other records' deadlines decide.
 */
export async function registryPageInputs(file: string, facts: RegistryFacts): Promise<Record<string, unknown>> {
  const calendars = (await calendarsOf(facts)).map((feed) => [feed.path, feed.label]);
  return { ...recordPageInputs(file), calendars };
}

/**
 * The paths of a route whose pages show nothing but their params and props (lists, paginated or not), each with
 * the digest of both as its key; `inputs` are what every page of the route also shows.
 */
export function keyedPaths<T extends { params: unknown; props?: unknown }>(
  paths: readonly T[],
  ...inputs: unknown[]
): (T & { cacheKey: string })[] {
  return paths.map((path) => ({ ...path, cacheKey: cacheKeyOf(path.params, path.props, ...inputs) }));
}
