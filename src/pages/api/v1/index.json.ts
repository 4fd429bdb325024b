/** Open data catalogue: every record of every kind with the addresses of its page, JSON, YAML source, schema and CSV tables. */
import type { APIRoute } from 'astro';
import { KIND_INFO } from '../../../core/kinds/record-kinds.ts';
import { validityOf } from '../../../core/registry/validity.ts';
import type { ValidityFacts } from '../../../core/registry/validity.ts';
import { buildReferenceDate, builtCommit } from '../../../site/build-facts.ts';
import { allRecords } from '../../../site/collections.ts';
import { apiPath, badgePath, csvPath, schemaPath, sourcePath } from '../../../site/urls.ts';

/** A certification's status at the reference date, its dates and its badge: what reusers ask first. */
function registryFields(facts: ValidityFacts, id: string, reference: string | undefined) {
  return {
    validity: {
      status: (reference ? validityOf(facts, reference).status : undefined) ?? null,
      ...(facts.endDate ? { end_date: facts.endDate } : {}),
      ...(facts.lastAwardDate ? { last_award_date: facts.lastAwardDate } : {}),
    },
    badge: badgePath(id),
  };
}

export const GET: APIRoute = async () => {
  const reference = buildReferenceDate();
  const records = (await allRecords()).map((record) => ({
    kind: record.kind,
    id: record.slug,
    title: record.title,
    page: record.page,
    json: apiPath(record.kind, record.id),
    source: sourcePath(record.kind, record.id),
    schema: schemaPath(KIND_INFO[record.kind].schemaFile.replace(/\.schema\.json$/, '')),
    csv: record.entry.outline.tables.map((t) => ({ table: t.id, title: t.title, url: csvPath(record.kind, record.id, t.id) })),
    ...('facts' in record.entry.outline ? registryFields(record.entry.outline.facts.validity, record.id, reference) : {}),
  }));
  // The commit being built dates the data; never the wall clock, so a rebuild gives the same file.
  const built = builtCommit();
  const catalogue = {
    ...(reference ? { reference_date: reference } : {}),
    ...(built ? { generated_from: { commit: built.commit, commit_date: built.date } } : {}),
    records: records.sort((a, b) => a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id)),
  };
  return new Response(`${JSON.stringify(catalogue, null, 2)}\n`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
