/** The site's downloads as tests read them: the CSV a page's links hold, and a kind's compressed dump. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** The CSV downloads a page links, by file name: each link holds its CSV as a data: address. */
export function csvLinksOf(html: string): Map<string, string> {
  const links = new Map<string, string>();
  for (const m of html.matchAll(/<a href="data:text\/csv;charset=utf-8,([^"]*)" download="([^"]+)"/g)) {
    links.set(m[2] ?? '', decodeURIComponent(m[1] ?? ''));
  }
  return links;
}

/** The parts of a kind's dump, as /api/v1/dumps/index.json lists them. */
export function dumpParts(dist: string, segment: string): { file: string; records: number; first: string; last: string }[] {
  return JSON.parse(readFileSync(join(dist, 'api/v1/dumps/index.json'), 'utf8'))[segment];
}

/** The records of a part of a dump, in its order. */
export function partRecords(dist: string, file: string): Record<string, unknown>[] {
  return gunzipSync(readFileSync(join(dist, file)))
    .toString('utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The records of a kind's dump (/api/v1/dumps/<segment>.ndjson.gz, then its next parts), in its order. */
export function dumpRecords(dist: string, segment: string): Record<string, unknown>[] {
  return dumpParts(dist, segment).flatMap((part) => partRecords(dist, part.file));
}
