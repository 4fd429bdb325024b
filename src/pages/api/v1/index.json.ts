/** Open data catalogue: every record with the addresses of its page, JSON, YAML source, schema and CSV tables. */
import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { headCommit, headCommitDate } from '../../../core/git.ts';
import { csvPath } from '../../../site/csv.ts';
import { certificationTables, romeTables } from '../../../site/indicator-tables.ts';
import type { IndicatorTable } from '../../../site/indicator-tables.ts';
import { apiPath, certificationPath, romePath, schemaPath, sourcePath } from '../../../site/urls.ts';

function item(kind: 'certification' | 'rome', id: string, title: string, page: string, tables: IndicatorTable[]) {
  return {
    kind,
    id,
    title,
    page,
    json: apiPath(kind, id),
    source: sourcePath(kind, id),
    schema: schemaPath(kind),
    csv: tables.map((t) => ({ table: t.id, title: t.title, url: csvPath(kind, id, t.id) })),
  };
}

export const GET: APIRoute = async () => {
  const certifications = (await getCollection('certifications')).map(({ id, data }) =>
    item('certification', id, data.record.intitule, certificationPath(data.record.numero_fiche), certificationTables(data.record, data.notes)),
  );
  const rome = (await getCollection('rome')).map(({ id, data }) =>
    item('rome', id, data.record.intitule, romePath(data.record.code), romeTables(data.record, data.notes)),
  );
  // The commit being built dates the data; never the wall clock, so a rebuild gives the same file.
  // Astro runs from the project root, hence process.cwd().
  const commit = headCommit(process.cwd());
  const commitDate = headCommitDate(process.cwd());
  const catalogue = {
    ...(commit && commitDate ? { generated_from: { commit, commit_date: commitDate } } : {}),
    records: [...certifications, ...rome].sort((a, b) => a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id)),
  };
  return new Response(`${JSON.stringify(catalogue, null, 2)}\n`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
