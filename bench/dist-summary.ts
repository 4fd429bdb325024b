/**
 * What the build leaves in dist/: its size, its file count, and which kinds of files weigh most. Files are
 * grouped by route shape, the path with its variable parts collapsed (record ids, numbers, SIRETs, facet values),
 * so that 25,638 record pages are one line: `certifications/<id>/index.html`.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Folders whose files are one output, whatever their names: the whole-registry downloads, Pagefind's chunks, assets. */
const OPAQUE = /^(?:_astro|api\/v1\/dumps|api\/v1\/tables|pagefind(?:\/[^/]+)?)\//;
/** Folders whose second segment may be a facet (niveau, nsf…) and then the third a value of it. */
const FACETED = new Set(['certifications', 'rs']);
const RECORD_ID = /\b(?:rncp\d+|rs\d+|[a-n]\d{4})\b/gi;

/** A segment's name before its extensions, collapsed: record ids (rncp12345, rs678, m1805), SIRETs, numbers. */
function collapseStem(stem: string): string {
  if (/^\d{14}$/.test(stem)) return '<siret>';
  // Page numbers, Formacode and NSF codes (331t).
  if (/^\d+[a-z]?$/i.test(stem)) return '<n>';
  return stem.replace(RECORD_ID, '<id>');
}

function collapseSegment(segment: string): string {
  const dot = segment.indexOf('.');
  return dot < 0 ? collapseStem(segment) : `${collapseStem(segment.slice(0, dot))}${segment.slice(dot)}`;
}

/**
 * The route shape of a file under dist/ (a POSIX relative path): `certifications/rncp10000/index.html` →
 * `certifications/<id>/index.html`, `certificateurs/12345678901234/2/index.html` →
 * `certificateurs/<siret>/<n>/index.html`, `certifications/niveau/niv5/index.html` →
 * `certifications/niveau/…/index.html`, `pagefind/fragment/x.pf_fragment` → `pagefind/fragment/*`.
 */
export function routeShape(path: string): string {
  const opaque = OPAQUE.exec(path);
  if (opaque) return `${opaque[0]}*`;
  const segments = path.split('/');
  // Files at the top (404.html, robots.txt) are one of a kind.
  if (segments.length === 1) return path;
  const faceted = segments.length > 3 && FACETED.has(segments[0]) && collapseSegment(segments[1]) === segments[1];
  return segments.map((segment, i) => (faceted && i === 2 ? '…' : collapseSegment(segment))).join('/');
}

export interface Contributor {
  shape: string;
  files: number;
  bytes: number;
}

export interface DistSummary {
  bytes: number;
  files: number;
  html_pages: number;
  /** The route shapes that weigh most, heaviest first. */
  contributors: Contributor[];
  search_index: { bytes: number; files: number };
  /** The heaviest HTML page. */
  largest_page: { path: string; bytes: number };
}

/** Sizes (apparent bytes, as served) of every file under dist, grouped by route shape; the `top` heaviest shapes. */
export function summarizeDist(dist: string, top = 15): DistSummary {
  const groups = new Map<string, Contributor>();
  const summary: DistSummary = {
    bytes: 0,
    files: 0,
    html_pages: 0,
    contributors: [],
    search_index: { bytes: 0, files: 0 },
    largest_page: { path: '', bytes: 0 },
  };
  for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = relative(dist, join(entry.parentPath, entry.name)).split(sep).join('/');
    const bytes = statSync(join(entry.parentPath, entry.name)).size;
    summary.bytes += bytes;
    summary.files++;
    if (path.endsWith('.html')) {
      summary.html_pages++;
      if (bytes > summary.largest_page.bytes) summary.largest_page = { path, bytes };
    }
    if (path.startsWith('pagefind/')) {
      summary.search_index.bytes += bytes;
      summary.search_index.files++;
    }
    const shape = routeShape(path);
    const group = groups.get(shape) ?? { shape, files: 0, bytes: 0 };
    group.files++;
    group.bytes += bytes;
    groups.set(shape, group);
  }
  summary.contributors = [...groups.values()].sort((a, b) => b.bytes - a.bytes || a.shape.localeCompare(b.shape)).slice(0, top);
  return summary;
}
