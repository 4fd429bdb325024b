/**
 * The sizes a deployment or a test may set by environment variable: the pages of a search bundle and
 * the bytes of a dump's part. Each is read here, so that `npm run build` says what is wrong with one
 * before Astro starts, rather than as a stack trace from inside the build.
 */
export interface SizeSetting {
  variable: string;
  fallback: number;
  /** What the value counts, in a French message: « un nombre entier de pages par lot ». */
  expected: string;
}

/** Pages per search bundle: 5,000 keeps one Pagefind run under 2 GB (src/core/search/search-bundles.ts). */
export const SEARCH_BUNDLE_PAGES: SizeSetting = {
  variable: 'CERTIDOCS_SEARCH_BUNDLE_PAGES',
  fallback: 5_000,
  expected: 'un nombre entier de pages par lot',
};

/** The most a part of a dump weighs, compressed: Cloudflare Pages takes no file over 25 MiB (src/site/registry-downloads.ts). */
export const DUMP_PART_BYTES: SizeSetting = {
  variable: 'CERTIDOCS_DUMP_PART_BYTES',
  fallback: 20 * 1024 * 1024,
  expected: 'une taille en octets',
};

export const SIZE_SETTINGS = [SEARCH_BUNDLE_PAGES, DUMP_PART_BYTES];

/** The setting's value in `value` (its variable's), or its fallback when unset; anything but a positive integer is an error, said in French. */
export function sizeOf(setting: SizeSetting, value: string | undefined): number {
  if (value === undefined || value === '') return setting.fallback;
  if (!/^[1-9]\d*$/.test(value)) {
    throw new Error(`${setting.variable} vaut « ${value} » : attendu ${setting.expected}, par exemple ${setting.fallback}.`);
  }
  return Number(value);
}

/** What is wrong with the settings an environment gives, one French message each. */
export function sizeSettingErrors(env: Record<string, string | undefined>): string[] {
  return SIZE_SETTINGS.flatMap((setting) => {
    try {
      sizeOf(setting, env[setting.variable]);
      return [];
    } catch (error) {
      return [(error as Error).message];
    }
  });
}
