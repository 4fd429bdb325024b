/** Open data catalogue: every record of every kind with its page, its YAML source in the repository, its schema, and for a certification its status and badge. */
import type { APIRoute } from 'astro';
import { KIND_INFO } from '../../../core/kinds/record-kinds.ts';
import { badgePublished } from '../../../core/registry/badge.ts';
import { validityOf } from '../../../core/registry/validity.ts';
import type { ValidityFacts } from '../../../core/registry/validity.ts';
import { buildReferenceDate, builtCommit, sourceUrlOf } from '../../../site/build-facts.ts';
import { allRecords } from '../../../site/collections.ts';
import { badgePath, schemaPath } from '../../../site/urls.ts';

/** A certification's status at the reference date, its dates and its badge when it has one: what reusers ask first. */
function registryFields(facts: ValidityFacts, id: string, reference: string | undefined) {
  const validity = reference ? validityOf(facts, reference) : undefined;
  return {
    validity: {
      status: validity?.status ?? null,
      ...(facts.endDate ? { end_date: facts.endDate } : {}),
      ...(facts.lastAwardDate ? { last_award_date: facts.lastAwardDate } : {}),
    },
    ...(badgePublished(validity, reference) ? { badge: badgePath(id) } : {}),
  };
}

export const GET: APIRoute = async () => {
  const reference = buildReferenceDate();
  const records = (await allRecords()).map((record) => ({
    kind: record.kind,
    id: record.slug,
    title: record.title,
    page: record.page,
    source_file: record.file,
    ...(sourceUrlOf(record.file) ? { source_url: sourceUrlOf(record.file) } : {}),
    schema: schemaPath(KIND_INFO[record.kind].schemaFile.replace(/\.schema\.json$/, '')),
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
