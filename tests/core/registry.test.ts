/** The readers' registry core: validity at a date, calendar arithmetic, the index read both ways, facets and successor changes. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { FACETS, facetValues } from '../../src/core/registry/facets.ts';
import { certificationFacts, rsFacts } from '../../src/core/registry/registry-facts.ts';
import { compareIds, indexRegistry } from '../../src/core/registry/registry-index.ts';
import { successorChanges } from '../../src/core/registry/successor-changes.ts';
import { endsSoon, validityOf, validityPhrase } from '../../src/core/registry/validity.ts';
import { loadSchemaFiles } from '../../src/core/schemas/schema-store.ts';
import type { Certification, CertificationRs } from '../../src/core/schemas/types.generated.ts';
import { addMonths, daysBetween, monthsAndDaysBetween } from '../../src/core/text/calendar-date.ts';
import { formatCountdown, formatShortDate, formatTimeSpan } from '../../src/core/text/french.ts';
import { PROJECT_ROOT } from '../helpers/content-tree.ts';
import { registryFacts } from '../helpers/registry-facts.ts';

const NBSP = '\u00a0';
const read = <T>(path: string): T => parse(readFileSync(join(PROJECT_ROOT, path), 'utf8')) as T;

describe('calendar arithmetic', () => {
  it('adds months, keeping the day or the last day of a shorter month', () => {
    expect(addMonths('2026-12-01', 6)).toBe('2027-06-01');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-11-15', 14)).toBe('2028-01-15');
  });

  it('counts days, negative backwards, across a leap day', () => {
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-03-01', '2026-02-28')).toBe(-1);
  });

  it('splits a span into whole months and the days left over', () => {
    expect(monthsAndDaysBetween('2026-12-01', '2029-11-28')).toEqual({ months: 35, days: 27 });
    expect(monthsAndDaysBetween('2026-01-31', '2026-02-28')).toEqual({ months: 1, days: 0 });
    expect(monthsAndDaysBetween('2026-12-01', '2026-12-20')).toEqual({ months: 0, days: 19 });
  });

  it('says spans and countdowns in French', () => {
    expect(formatTimeSpan('2026-12-01', '2029-11-28')).toBe(`2${NBSP}ans et 11${NBSP}mois`);
    expect(formatTimeSpan('2026-12-01', '2027-12-01')).toBe(`1${NBSP}an`);
    expect(formatTimeSpan('2026-12-01', '2026-12-02')).toBe(`1${NBSP}jour`);
    expect(formatCountdown('2026-12-01', '2027-03-01')).toBe(`dans 3${NBSP}mois`);
    expect(formatCountdown('2026-12-01', '2026-11-21')).toBe(`il y a 10${NBSP}jours`);
    expect(formatCountdown('2026-12-01', '2026-12-01')).toBe("aujourd'hui");
    expect(formatShortDate('2029-11-28')).toBe('28/11/2029');
  });
});

describe('validity at a reference date', () => {
  const at = (facts: Parameters<typeof validityOf>[0], date = '2026-12-01') => validityOf(facts, date).status;

  it('is registered until the last day inclusive, ending soon within six months, ended the day after', () => {
    expect(at({ endDate: '2029-11-28' })).toBe('enregistree');
    expect(at({ endDate: '2027-06-02' })).toBe('enregistree');
    expect(at({ endDate: '2027-06-01' })).toBe('fin-proche');
    expect(at({ endDate: '2026-12-01' })).toBe('fin-proche');
    expect(at({ endDate: '2026-11-30' })).toBe('terminee');
  });

  it('reads withdrawn and awaiting records from ETAT_FICHE, an ended registration first', () => {
    expect(at({ etatFiche: 'Dépubliée/Archivée', endDate: '2029-01-01' })).toBe('retiree');
    expect(at({ etatFiche: 'Modifications à valider', endDate: '2029-01-01' })).toBe('a-valider');
    expect(at({ etatFiche: 'Modifications à valider par le ministère', endDate: '2027-01-01' })).toBe('a-valider');
    expect(at({ etatFiche: 'Modifications à valider par le ministère', endDate: '2026-03-25' })).toBe('terminee');
    expect(at({ etatFiche: 'Publiée' })).toBeUndefined();
  });

  it('counts the days left to the end and to the last award date, and uses the day of a longer ISO date', () => {
    const v = validityOf({ endDate: '2027-03-27', lastAwardDate: '2027-09-27' }, '2026-12-01T16:00:00+01:00');
    expect([v.daysToEnd, v.daysToLastAward]).toEqual([116, 300]);
    expect(endsSoon('2027-03-27', '2026-12-01')).toBe(true);
    expect(endsSoon('2026-11-30', '2026-12-01')).toBe(false);
  });

  it('says the status in one phrase, with the end date in the format given', () => {
    const phrase = (endDate: string, etatFiche?: string) =>
      validityPhrase(validityOf({ endDate, etatFiche }, '2026-12-01'), formatShortDate);
    expect(phrase('2029-11-28')).toBe("Enregistrée jusqu'au 28/11/2029");
    expect(phrase('2024-08-31')).toBe('Enregistrement terminé le 31/08/2024');
    expect(phrase('2029-11-28', 'Dépubliée/Archivée')).toBe('Retirée du répertoire');
  });
});

const facts = registryFacts;

describe('the registry index', () => {
  it('shows a lineage link on both records when only one lists it', () => {
    const index = indexRegistry([facts('RS5000', { replacedBy: ['RS6604'] }), facts('RS6604'), facts('RNCP2', { replaces: ['RNCP1'] })]);
    expect(index.replacedBy('RS5000')).toEqual([{ id: 'RS6604', statedBy: 'this' }]);
    expect(index.replaces('RS6604')).toEqual([{ id: 'RS5000', statedBy: 'other' }]);
    expect(index.replaces('RNCP2')).toEqual([{ id: 'RNCP1', statedBy: 'this' }]);
    expect(index.replacedBy('RNCP1')).toEqual([{ id: 'RNCP2', statedBy: 'other' }]);
    // Only pairs whose two records are here have a comparison.
    expect(index.lineagePairs()).toEqual([{ old: 'RS5000', new: 'RS6604' }]);
  });

  it('marks a link both records publish as stated by both, and ignores a record naming itself', () => {
    const index = indexRegistry([facts('RS1', { replacedBy: ['RS2', 'RS1'] }), facts('RS2', { replaces: ['RS1'] })]);
    expect(index.replacedBy('RS1')).toEqual([{ id: 'RS2', statedBy: 'both' }]);
    expect(index.replaces('RS2')).toEqual([{ id: 'RS1', statedBy: 'both' }]);
  });

  it('reverses an equivalence only one record publishes, and keeps one copy of one both publish', () => {
    const a = facts('RNCP1', {
      blocks: [{ code: 'RNCP1BC01', rank: 1, title: 'Gérer' }],
      equivalences: [{ blocks: ['RNCP1BC01'], record: 'RNCP2', equivalents: ['RNCP2BC03'] }],
    });
    const b = facts('RNCP2', { blocks: [{ code: 'RNCP2BC03', rank: 3, title: 'Piloter' }] });
    const index = indexRegistry([a, b]);
    expect(index.equivalences('RNCP2')).toEqual([
      { blocks: ['RNCP2BC03'], record: 'RNCP1', equivalents: ['RNCP1BC01'], statedBy: 'other' },
    ]);
    expect(index.block('RNCP2', 'RNCP2BC03')).toEqual({ code: 'RNCP2BC03', rank: 3, title: 'Piloter' });
    const both = indexRegistry([a, { ...b, equivalences: [{ blocks: ['RNCP2BC03'], record: 'RNCP1', equivalents: ['RNCP1BC01'] }] }]);
    expect(both.equivalences('RNCP2')).toEqual([{ blocks: ['RNCP2BC03'], record: 'RNCP1', equivalents: ['RNCP1BC01'], statedBy: 'both' }]);
    expect(both.equivalences('RNCP1')).toHaveLength(1);
  });

  it('gathers certifiers by SIRET with their most published name, records by number', () => {
    const cert = (name: string, siret?: string) => ({ siret, name, state: 'Actif' });
    const index = indexRegistry([
      facts('RNCP10', { certifiers: [cert('CCI FRANCE', '11111111111111')] }),
      facts('RNCP9', { certifiers: [cert('CCI France', '11111111111111'), cert('Sans SIRET')] }),
      facts('RS3', { certifiers: [cert('CCI FRANCE', '11111111111111')] }),
    ]);
    expect(index.certifiers()).toEqual([
      { siret: '11111111111111', name: 'CCI FRANCE', state: 'Actif', otherNames: ['CCI France'], records: ['RNCP9', 'RNCP10', 'RS3'] },
    ]);
  });

  it('orders identifiers RNCP before RS, then by number', () => {
    expect(['RS10', 'RNCP100', 'RS9', 'RNCP20'].sort(compareIds)).toEqual(['RNCP20', 'RNCP100', 'RS9', 'RS10']);
  });
});

describe('record facts and facets of the bundled records', () => {
  const rncp = read<Certification>('content/certifications/rncp37674.yaml');
  const rs = read<CertificationRs>('content/rs/rs6547.yaml');

  it('keep what other pages need of an RNCP record', () => {
    const f = certificationFacts(rncp);
    expect(f.id).toBe(rncp.numero_fiche);
    expect(f.blocks.map((b) => b.code)).toEqual((rncp.blocs ?? []).map((b) => b.code));
    expect(f.partnerCount).toBe(rncp.partenaires?.length);
    expect(f.certifiers.map((c) => c.siret)).toEqual(rncp.certificateurs?.map((c) => c.siret));
    const open = Object.entries(rncp.voies_acces)
      .filter(([, route]) => (typeof route === 'boolean' ? route : route.ouverte))
      .map(([key]) => key);
    expect([...f.routes].sort()).toEqual(open.sort());
  });

  it('give each record one value per facet it has, and the same values to lists and search', () => {
    const records = [certificationFacts(rncp), rsFacts(rs)].map((f) => ({ facts: f, status: validityOf(f.validity, '2026-12-01').status }));
    const values = facetValues(records);
    expect(values.get('repertoire')?.map((v) => [v.value.label, v.records.length])).toEqual([
      ['RNCP', 1],
      ['RS', 1],
    ]);
    expect(values.get('niveau')?.map((v) => v.value.slug)).toEqual([rncp.niveau?.code.toLowerCase()]);
    expect(values.get('nsf')?.flatMap((v) => v.records.map((r) => r.facts.id))).toHaveLength(
      (rncp.codes_nsf?.length ?? 0) + (rs.codes_nsf?.length ?? 0),
    );
    for (const facet of FACETS) expect(facet.name).toMatch(/^[A-ZÉ]/);
  });
});

describe('what changed from a record to its successor', () => {
  const schemas = loadSchemaFiles(join(PROJECT_ROOT, 'schemas'));
  const rs5000 = read<Record<string, unknown>>('content/rs/rs5000.yaml');
  const rs6604 = read<Record<string, unknown>>('content/rs/rs6604.yaml');

  it('compares the fields that describe the certification, not those that identify the record', () => {
    const changes = successorChanges(schemas, { kind: 'rs', data: rs5000 }, { kind: 'rs', data: rs6604 });
    const fields = changes.sections.map((s) => s.field);
    expect(fields).not.toContain('numero_fiche');
    expect(fields).not.toContain('enregistrement');
    expect(fields).toContain('voies_acces');
    const vae = (data: Record<string, unknown>) => (data.voies_acces as Record<string, { ouverte: boolean }>).vae.ouverte;
    expect(vae(rs5000)).not.toBe(vae(rs6604));
    expect(changes.sections.flatMap((s) => s.changes).some((c) => c.path.join(' › ').includes('VAE') && c.op === 'set')).toBe(true);
    expect(changes.partners).toEqual({
      before: (rs5000.partenaires as unknown[]).length,
      after: (rs6604.partenaires as unknown[]).length,
    });
  });

  it('matches blocks by rank, so a retitled block reads as renamed, not as removed and added', () => {
    const block = (code: string, intitule: string) => ({ code, intitule });
    const before = { blocs: [block('RNCP1BC01', 'Gérer un projet'), block('RNCP1BC02', 'Piloter')] };
    const after = {
      blocs: [block('RNCP2BC01', 'Gérer un projet'), block('RNCP2BC02', 'Piloter une équipe'), block('RNCP2BC03', 'Évaluer')],
    };
    const changes = successorChanges(schemas, { kind: 'certification', data: before }, { kind: 'certification', data: after });
    const ops = changes.sections.flatMap((s) => s.changes).map((c) => [c.op, c.path.join(' › ')]);
    expect(ops).toEqual([
      ['set', 'bloc 2 › intitulé'],
      ['add', 'bloc 3'],
    ]);
  });
});
