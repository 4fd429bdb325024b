/** Compares a built site with a host's limits: every limit with its value, and for each one exceeded, by how much and why. */
import type { Host, HostLimit } from './host-limits.ts';
import { folderOf, measureSite, routeGroups } from './site-measure.ts';
import type { Contributor, SiteListing } from './site-measure.ts';

export interface LimitResult {
  limit: HostLimit;
  /** The site's value of the limit's measure. */
  value: number;
  /** How far the value is over the limit (0 when within it). */
  over: number;
  /** For an exceeded limit, what weighs most on it, largest first (at most CONTRIBUTORS). */
  contributors: Contributor[];
}

export interface HostCheck {
  host: Host;
  results: LimitResult[];
}

/** How many contributors an exceeded limit lists. */
const CONTRIBUTORS = 5;

/** Checks a listing against every limit of a host. */
export function checkHost(listing: SiteListing, host: Host): HostCheck {
  const measure = measureSite(listing);
  const results = host.limits.map((limit) => {
    const value = measure[limit.measure];
    const over = Math.max(0, value - limit.max);
    return { limit, value, over, contributors: over > 0 ? contributorsTo(listing, limit).slice(0, CONTRIBUTORS) : [] };
  });
  return { host, results };
}

/** The results over their limit. */
export function exceeded(check: HostCheck): LimitResult[] {
  return check.results.filter((result) => result.over > 0);
}

/** What makes a limit exceeded: the routes with most files or bytes, the files too large, or the folders too full. */
function contributorsTo(listing: SiteListing, limit: HostLimit): Contributor[] {
  switch (limit.measure) {
    case 'files':
    case 'entries':
      return routeGroups(listing.files, 'files');
    case 'siteBytes':
    case 'tarBytes':
      return routeGroups(listing.files, 'bytes');
    case 'fileBytes':
      return listing.files
        .filter((file) => file.bytes > limit.max)
        .sort((a, b) => b.bytes - a.bytes)
        .map((file) => ({ label: file.path, files: 1, bytes: file.bytes }));
    case 'folderFiles': {
      const folders = new Map<string, Contributor>();
      for (const file of listing.files) {
        const label = folderOf(file.path) || '.';
        const folder = folders.get(label) ?? { label, files: 0, bytes: 0 };
        folder.files += 1;
        folder.bytes += file.bytes;
        folders.set(label, folder);
      }
      return [...folders.values()].filter((folder) => folder.files > limit.max).sort((a, b) => b.files - a.files);
    }
  }
}
