/** Open data catalogue: every record with the addresses of its page, JSON, YAML source, schema and CSV tables. */
import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { headCommit, headCommitDate } from '../../../core/history/git.ts';
import type { TableLink } from '../../../site/outline.ts';
import { apiPath, certificationPath, csvPath, romePath, schemaPath, sourcePath } from '../../../site/urls.ts';

function item(kind: 'certification' | 'rome', id: string, title: string, page: string, tables: TableLink[]) {
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
    item('certification', id, data.outline.title, certificationPath(data.outline.numero), data.outline.tables),
  );
  const rome = (await getCollection('rome')).map(({ id, data }) =>
    item('rome', id, data.outline.title, romePath(data.outline.code), data.outline.tables),
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
