/**
 * Measures a built site the way static hosts count it: files, folders, bytes, the tar archive
 * actions/upload-pages-artifact uploads, the largest file and the fullest folder; and groups its
 * files by route so that a reader sees what makes it big.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Measure } from './host-limits.ts';

export interface SiteFile {
  /** Path from the site's root, with `/`. */
  path: string;
  bytes: number;
}

/** Every file and folder of a site, the root itself left out. */
export interface SiteListing {
  files: SiteFile[];
  folders: string[];
}

export type SiteMeasure = Record<Measure, number> & {
  largestFile: SiteFile | undefined;
  fullestFolder: { path: string; files: number } | undefined;
};

/** A group of files: a route pattern, one file or one folder. */
export interface Contributor {
  label: string;
  files: number;
  bytes: number;
}

const BLOCK = 512;
/** GNU tar writes names longer than this in an extra ././@LongLink member. */
const TAR_NAME_FIELD = 100;
/** GNU tar's default record: 20 blocks. */
const TAR_RECORD = 20 * BLOCK;

/**
 * Lists a folder recursively. Links are followed and every path counts in full, as
 * `tar --dereference --hard-dereference` archives them (the open-data files are hard links).
 */
export function listSite(root: string): SiteListing {
  const listing: SiteListing = { files: [], folders: [] };
  const visit = (folder: string, prefix: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const path = prefix + name;
      const stats = statSync(join(folder, name));
      if (stats.isDirectory()) {
        listing.folders.push(path);
        visit(join(folder, name), `${path}/`);
      } else listing.files.push({ path, bytes: stats.size });
    }
  };
  visit(root, '');
  return listing;
}

/** The measures of a listing (pure: no disk access). */
export function measureSite(listing: SiteListing): SiteMeasure {
  const perFolder = new Map<string, number>();
  let bytes = 0;
  let largestFile: SiteFile | undefined;
  for (const file of listing.files) {
    bytes += file.bytes;
    if (!largestFile || file.bytes > largestFile.bytes) largestFile = file;
    const folder = folderOf(file.path);
    perFolder.set(folder, (perFolder.get(folder) ?? 0) + 1);
  }
  let fullestFolder: SiteMeasure['fullestFolder'];
  for (const [path, files] of perFolder) if (!fullestFolder || files > fullestFolder.files) fullestFolder = { path, files };
  return {
    files: listing.files.length,
    entries: listing.files.length + listing.folders.length,
    siteBytes: bytes,
    tarBytes: tarSize(listing),
    fileBytes: largestFile?.bytes ?? 0,
    folderFiles: fullestFolder?.files ?? 0,
    largestFile,
    fullestFolder,
  };
}

/**
 * The size of `tar -cf artifact.tar --directory <root> .` (GNU format): a 512-byte header per member
 * (`./`, each folder, each file), each file's content padded to 512 bytes, an extra header and name
 * blocks for names over 100 bytes, two zero blocks at the end, the whole padded to a 10,240-byte record.
 */
function tarSize(listing: SiteListing): number {
  const member = (name: string, content: number): number => {
    const length = Buffer.byteLength(name);
    const longName = length > TAR_NAME_FIELD ? BLOCK + padded(length + 1) : 0;
    return longName + BLOCK + padded(content);
  };
  let total = member('./', 0);
  for (const folder of listing.folders) total += member(`./${folder}/`, 0);
  for (const file of listing.files) total += member(`./${file.path}`, file.bytes);
  return Math.ceil((total + 2 * BLOCK) / TAR_RECORD) * TAR_RECORD;
}

const padded = (bytes: number): number => Math.ceil(bytes / BLOCK) * BLOCK;

/** The folder of a path, '' for the root. */
export function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

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
 * The route a file belongs to, its path with the variable parts collapsed, so that 25,638 record pages are one
 * line (a POSIX relative path): `certifications/rncp10000/index.html` →
 * `certifications/<id>/index.html`, `certificateurs/12345678901234/2/index.html` →
 * `certificateurs/<siret>/<n>/index.html`, `certifications/niveau/niv5/index.html` →
 * `certifications/niveau/…/index.html`, `pagefind/fragment/x.pf_fragment` → `pagefind/fragment/*`.
 */
export function routeOf(path: string): string {
  const opaque = OPAQUE.exec(path);
  if (opaque) return `${opaque[0]}*`;
  const segments = path.split('/');
  // Files at the top (404.html, robots.txt) are one of a kind.
  if (segments.length === 1) return path;
  const faceted = segments.length > 3 && FACETED.has(segments[0]) && collapseSegment(segments[1]) === segments[1];
  return segments.map((segment, i) => (faceted && i === 2 ? '…' : collapseSegment(segment))).join('/');
}

/** The files grouped by route, largest first by the given measure of a group. */
export function routeGroups(files: readonly SiteFile[], by: 'files' | 'bytes'): Contributor[] {
  const groups = new Map<string, Contributor>();
  for (const file of files) {
    const label = routeOf(file.path);
    const group = groups.get(label) ?? { label, files: 0, bytes: 0 };
    group.files += 1;
    group.bytes += file.bytes;
    groups.set(label, group);
  }
  return [...groups.values()].sort((a, b) => b[by] - a[by] || a.label.localeCompare(b.label));
}
