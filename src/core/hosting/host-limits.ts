/**
 * The static hosts the built site is meant for, each described once with the limits its own
 * documentation gives and where it gives them. Sizes are in bytes, exactly as the host counts them
 * where its code or documentation says so (GitHub's and GitLab's "1 GB" is 1024³ bytes).
 */

/** What a limit is measured on (see src/core/hosting/site-measure.ts). */
export type Measure =
  /** Files in the site. */
  | 'files'
  /** Files plus folders. */
  | 'entries'
  /** The files' bytes added up, uncompressed. */
  | 'siteBytes'
  /** The tar archive actions/upload-pages-artifact makes of the folder. */
  | 'tarBytes'
  /** The largest single file. */
  | 'fileBytes'
  /** The files directly inside the fullest folder. */
  | 'folderFiles';

export interface HostLimit {
  measure: Measure;
  /** The highest value the host accepts. */
  max: number;
  /** The page that documents the limit. */
  source: string;
}

export interface Host {
  /** The value of `--host`. */
  id: string;
  /** The host's name in messages, with the plan when limits depend on it. */
  name: string;
  limits: HostLimit[];
}

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

const CLOUDFLARE_LIMITS = 'https://developers.cloudflare.com/pages/platform/limits/';
// "The maximum file size for a single Cloudflare Pages site asset is 25 MiB." (same page, "File size")
const CLOUDFLARE_FILE_SIZE: HostLimit = { measure: 'fileBytes', max: 25 * MIB, source: `${CLOUDFLARE_LIMITS}#file-size` };

export const HOSTS: readonly Host[] = [
  {
    id: 'github-pages',
    name: 'GitHub Pages',
    limits: [
      // "Published GitHub Pages sites may be no larger than 1 GB." The deployment uploads the tar that
      // actions/upload-pages-artifact makes of dist/ (tar --dereference --hard-dereference, so hard links
      // count in full), and actions/deploy-pages warns when that artifact exceeds ONE_GIGABYTE = 1073741824
      // bytes (src/internal/deployment.js): "Uploaded artifact size of … bytes exceeds the allowed size of
      // 1 GB. Deployment might fail." The page documents no limit per file: the 100 MB one is git's, for
      // repositories, not for artifacts deployed by Actions.
      {
        measure: 'tarBytes',
        max: GIB,
        source: 'https://docs.github.com/en/pages/getting-started-with-github-pages/github-pages-limits',
      },
    ],
  },
  {
    id: 'gitlab-pages',
    name: 'GitLab Pages',
    limits: [
      // GitLab.com settings, GitLab Pages: maximum size 1 GB. pages:deploy compares the archive's
      // uncompressed total ("artifacts for pages are too large: 1459447313" for a 330 MB zip, see
      // https://gitlab.com/gitlab-org/gitlab/-/issues/2823), with the limit in MB as Rails megabytes.
      { measure: 'siteBytes', max: GIB, source: 'https://docs.gitlab.com/user/gitlab_com/#gitlab-pages' },
      // "The total number of file entries (including directories and symlinks) is limited to 200,000
      // for each GitLab Pages website."
      {
        measure: 'entries',
        max: 200_000,
        source: 'https://docs.gitlab.com/administration/pages/#set-maximum-number-of-files-per-gitlab-pages-website',
      },
    ],
  },
  {
    id: 'cloudflare-pages',
    name: 'Cloudflare Pages (offre gratuite)',
    limits: [
      // "Cloudflare Pages sites can contain up to 20,000 files on the Free plan."
      { measure: 'files', max: 20_000, source: `${CLOUDFLARE_LIMITS}#files` },
      CLOUDFLARE_FILE_SIZE,
    ],
  },
  {
    id: 'cloudflare-pages-paid',
    name: 'Cloudflare Pages (offres payantes)',
    limits: [
      // "Workers Paid plans can have up to 100,000 files per site", once PAGES_WRANGLER_MAJOR_VERSION=4 is
      // set in the project (changelog of 2026-01-23).
      { measure: 'files', max: 100_000, source: `${CLOUDFLARE_LIMITS}#files` },
      CLOUDFLARE_FILE_SIZE,
    ],
  },
  {
    id: 'netlify',
    name: 'Netlify',
    limits: [
      // "While Netlify doesn't have a limit on the number of files per deploy, we do have a limit of 54,000
      // files per directory." No total size or file size is documented there.
      { measure: 'folderFiles', max: 54_000, source: 'https://docs.netlify.com/site-deploys/overview/#files-per-directory-limit' },
    ],
  },
];

/** The host of an id, or undefined. */
export function findHost(id: string): Host | undefined {
  return HOSTS.find((host) => host.id === id);
}
