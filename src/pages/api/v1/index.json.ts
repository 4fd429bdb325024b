/** Open data catalogue: every record of every kind with the addresses of its page, JSON, YAML source, schema and CSV tables. */
import type { APIRoute } from 'astro';
import { KIND_INFO } from '../../../core/kinds/record-kinds.ts';
import { builtCommit } from '../../../site/build-facts.ts';
import { allRecords } from '../../../site/collections.ts';
import { apiPath, csvPath, schemaPath, sourcePath } from '../../../site/urls.ts';

export const GET: APIRoute = async () => {
  const records = (await allRecords()).map((record) => ({
    kind: record.kind,
    id: record.slug,
    title: record.title,
    page: record.page,
    json: apiPath(record.kind, record.id),
    source: sourcePath(record.kind, record.id),
    schema: schemaPath(KIND_INFO[record.kind].schemaFile.replace(/\.schema\.json$/, '')),
    csv: record.entry.outline.tables.map((t) => ({ table: t.id, title: t.title, url: csvPath(record.kind, record.id, t.id) })),
  }));
  // The commit being built dates the data; never the wall clock, so a rebuild gives the same file.
  const built = builtCommit();
  const catalogue = {
    ...(built ? { generated_from: { commit: built.commit, commit_date: built.date } } : {}),
    records: records.sort((a, b) => a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id)),
  };
  return new Response(`${JSON.stringify(catalogue, null, 2)}\n`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
