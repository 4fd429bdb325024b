/**
 * What the build leaves in dist/: its size, its file count, and which kinds of files weigh most. Files are
 * grouped by route (src/core/hosting/site-measure.ts's routeOf, as `npm run check:host` groups them), so that
 * 25,638 record pages are one line: `certifications/<id>/index.html`.
 */
import { listSite, routeGroups } from '../src/core/hosting/site-measure.ts';
import type { Contributor, SiteFile } from '../src/core/hosting/site-measure.ts';

export interface DistSummary {
  bytes: number;
  files: number;
  html_pages: number;
  /** The routes that weigh most, heaviest first. */
  contributors: Contributor[];
  search_index: { bytes: number; files: number };
  /** The heaviest HTML page. */
  largest_page: { path: string; bytes: number };
}

/** Sizes (apparent bytes, as served) of every file under dist, grouped by route; the `top` heaviest routes. */
export function summarizeDist(dist: string, top = 15): DistSummary {
  const { files } = listSite(dist);
  const pages = files.filter((f) => f.path.endsWith('.html'));
  const index = files.filter((f) => f.path.startsWith('pagefind/'));
  const total = (list: readonly SiteFile[]) => list.reduce((sum, f) => sum + f.bytes, 0);
  const largest = pages.reduce<SiteFile>((a, b) => (b.bytes > a.bytes ? b : a), { path: '', bytes: 0 });
  return {
    bytes: total(files),
    files: files.length,
    html_pages: pages.length,
    contributors: routeGroups(files, 'bytes').slice(0, top),
    search_index: { bytes: total(index), files: index.length },
    largest_page: { path: largest.path, bytes: largest.bytes },
  };
}
