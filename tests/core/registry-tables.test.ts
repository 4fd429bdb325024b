/**
 * The registry's tables on a small registry written here: each expected row is stated by hand from
 * the records below, not computed by the code under test.
 */
import { describe, expect, it } from 'vitest';
import { certificationFacts, rsFacts } from '../../src/core/registry/registry-facts.ts';
import { indexRegistry } from '../../src/core/registry/registry-index.ts';
import { REGISTRY_TABLES } from '../../src/core/registry/registry-tables.ts';
import type { RegistryRecord, TableContext } from '../../src/core/registry/registry-tables.ts';
import type { Certification, CertificationRs } from '../../src/core/schemas/types.generated.ts';

const route = { ouverte: false };
const SOURCES: Certification['sources'] = [{ id: 'flux-rncp', intitule: 'Flux RNCP' }];

function rncp(numero: string, fields: Partial<Certification> = {}): RegistryRecord {
  const record: Certification = {
    numero_fiche: numero,
    intitule: `Intitulé de ${numero}`,
    enregistrement: { source: 'flux-rncp' },
    voies_acces: {
      formation_initiale: false,
      apprentissage: false,
      formation_continue: false,
      contrat_professionnalisation: false,
      candidature_individuelle: false,
      vae: false,
    },
    sources: SOURCES,
    ...fields,
  };
  return { registry: 'RNCP', record };
}

function rs(numero: string, fields: Partial<CertificationRs> = {}): RegistryRecord {
  const record: CertificationRs = {
    numero_fiche: numero,
    intitule: `Intitulé de ${numero}`,
    etat_fiche: 'Publiée',
    actif: true,
    certificateurs: [{ nom: `Certificateur de ${numero}` }],
    enregistrement: { source: 'flux-rs' },
    voies_acces: {
      formation_initiale: route,
      formation_continue: route,
      contrat_professionnalisation: route,
      candidature_individuelle: route,
      vae: route,
    },
    sources: [{ id: 'flux-rs', intitule: 'Flux RS' }],
    ...fields,
  };
  return { registry: 'RS', record };
}

const REGISTRY: RegistryRecord[] = [
  rncp('RNCP1', {
    niveau: { code: 'NIV6', source: 'flux-rncp' },
    abrege: { code: 'TP', libelle: 'Titre professionnel' },
    etat_fiche: 'Publiée',
    actif: true,
    enregistrement: {
      type_enregistrement: 'Enregistrement de droit',
      date_effet: '2020-01-01',
      date_fin: '2025-12-31',
      source: 'flux-rncp',
    },
    nouvelles_certifications: ['RNCP2', 'RNCP8'],
    blocs: [
      { code: 'RNCP1BC01', intitule: 'Premier; avec "guillemets"' },
      { intitule: 'Deuxième\nsur deux lignes', optionnel: true },
      { numero: 7, code: 'RNCP1BC07', intitule: 'Septième', optionnel: false },
    ],
    codes_rome: ['K1704', 'M1402'],
    certificateurs: [{ siret: '11004401300040', nom: 'MINISTERE', etat: 'Actif', date_derniere_modification_etat: '2021-07-23' }],
    partenaires: [
      { nom: 'ÉCOLE SANS SIRET' },
      { siret: '84128433400023', nom: 'CFA', habilitation: 'HABILITATION_FORMER', etat_habilitation: 'Actif', date_actif: '2022-01-03' },
    ],
    correspondances: [
      { fiche: 'RNCP2', blocs: ['RNCP1BC01'], blocs_equivalents: ['RNCP2BC01', 'RNCP2BC02'] },
      { fiche: 'RNCP9', blocs: ['RNCP1BC07'], blocs_equivalents: ['RNCP9BC03'] },
    ],
  }),
  rncp('RNCP2', {
    etat_fiche: 'Publiée',
    actif: false,
    enregistrement: { date_fin: '2031-06-30', date_limite_delivrance: '2032-06-30', source: 'flux-rncp' },
    anciennes_certifications: ['RNCP1', 'RNCP7'],
    correspondances: [{ fiche: 'RNCP1', blocs: ['RNCP2BC01', 'RNCP2BC02'], blocs_equivalents: ['RNCP1BC01'] }],
    absente_de_l_export: { source: 'flux-rncp', date_export: '2026-05-04' },
  }),
  rncp('RNCP3', { etat_fiche: 'Dépubliée/Archivée', enregistrement: { date_fin: '2030-01-01', source: 'flux-rncp' } }),
  rncp('RNCP4', { correspondances: [{ fiche: 'RNCP3' }] }),
  rs('RS10', { enregistrement: { date_fin: '2026-09-30', source: 'flux-rs' }, anciennes_certifications: ['RS11'] }),
  rs('RS11', { certificateurs: [{ nom: 'ORGANISME' }] }),
];

const context = (reference: string | undefined): TableContext => ({
  index: indexRegistry(REGISTRY.map((r) => (r.registry === 'RNCP' ? certificationFacts(r.record) : rsFacts(r.record)))),
  reference,
});

/** A table's rows over the whole registry, each as an object keyed by its column names. */
function rowsOf(name: string, { reference }: { reference: string | undefined } = { reference: '2026-06-15' }): Record<string, string>[] {
  const table = REGISTRY_TABLES.find((t) => t.name === name);
  if (!table) throw new Error(`no table ${name}`);
  return REGISTRY.flatMap((record) => table.rows(record, context(reference))).map((row) => {
    expect(row).toHaveLength(table.columns.length);
    return Object.fromEntries(table.columns.map((column, i) => [column.name, row[i]]));
  });
}

describe('registry tables', () => {
  it('names the tables and columns readers were promised, each column described', () => {
    expect(REGISTRY_TABLES.map((t) => t.name)).toEqual([
      'certifications',
      'blocs',
      'rome',
      'certificateurs',
      'partenaires',
      'filiations',
      'correspondances',
    ]);
    for (const table of REGISTRY_TABLES) {
      expect(table.title, table.name).not.toBe('');
      expect(table.description, table.name).not.toBe('');
      expect(new Set(table.columns.map((c) => c.name)).size, table.name).toBe(table.columns.length);
      for (const column of table.columns) expect(column.description, `${table.name}.${column.name}`).toMatch(/\.$/);
    }
  });

  it('gives one certification row per record, with its status at the reference date', () => {
    const rows = rowsOf('certifications');
    expect(rows.map((r) => [r.numero, r.registre, r.statut, r.statut_au])).toEqual([
      ['RNCP1', 'RNCP', 'terminee', '2026-06-15'],
      ['RNCP2', 'RNCP', 'enregistree', '2026-06-15'],
      ['RNCP3', 'RNCP', 'retiree', '2026-06-15'],
      ['RNCP4', 'RNCP', '', '2026-06-15'],
      ['RS10', 'RS', 'fin-proche', '2026-06-15'],
      ['RS11', 'RS', '', '2026-06-15'],
    ]);
    expect(rows[0]).toMatchObject({
      intitule: 'Intitulé de RNCP1',
      niveau: 'NIV6',
      abrege: 'TP',
      etat_fiche: 'Publiée',
      actif: 'oui',
      type_enregistrement: 'Enregistrement de droit',
      date_decision: '',
      date_effet: '2020-01-01',
      date_fin: '2025-12-31',
      date_limite_delivrance: '',
      absente_de_l_export: 'non',
    });
    expect(rows[1]).toMatchObject({ actif: 'non', date_limite_delivrance: '2032-06-30', absente_de_l_export: 'oui' });
    // What a record does not publish stays empty.
    expect(rows[3]).toMatchObject({ niveau: '', etat_fiche: '', actif: '' });
  });

  it('leaves statuses and their date empty without a reference date', () => {
    expect(rowsOf('certifications', { reference: undefined }).map((r) => r.statut + r.statut_au)).toEqual(['', '', '', '', '', '']);
  });

  it('gives one row per block, ROME code, certifier and partner, in the record order', () => {
    expect(rowsOf('blocs')).toEqual([
      { numero_fiche: 'RNCP1', code: 'RNCP1BC01', rang: '1', intitule: 'Premier; avec "guillemets"', optionnel: '' },
      { numero_fiche: 'RNCP1', code: '', rang: '2', intitule: 'Deuxième\nsur deux lignes', optionnel: 'oui' },
      { numero_fiche: 'RNCP1', code: 'RNCP1BC07', rang: '7', intitule: 'Septième', optionnel: 'non' },
    ]);
    expect(rowsOf('rome')).toEqual([
      { numero_fiche: 'RNCP1', code_rome: 'K1704' },
      { numero_fiche: 'RNCP1', code_rome: 'M1402' },
    ]);
    expect(rowsOf('certificateurs')).toEqual([
      { numero_fiche: 'RNCP1', siret: '11004401300040', nom: 'MINISTERE', etat: 'Actif', date_derniere_modification_etat: '2021-07-23' },
      { numero_fiche: 'RS10', siret: '', nom: 'Certificateur de RS10', etat: '', date_derniere_modification_etat: '' },
      { numero_fiche: 'RS11', siret: '', nom: 'ORGANISME', etat: '', date_derniere_modification_etat: '' },
    ]);
    expect(rowsOf('partenaires')).toEqual([
      {
        numero_fiche: 'RNCP1',
        siret: '',
        nom: 'ÉCOLE SANS SIRET',
        habilitation: '',
        etat_habilitation: '',
        date_actif: '',
        date_derniere_modification_etat: '',
      },
      {
        numero_fiche: 'RNCP1',
        siret: '84128433400023',
        nom: 'CFA',
        habilitation: 'HABILITATION_FORMER',
        etat_habilitation: 'Actif',
        date_actif: '2022-01-03',
        date_derniere_modification_etat: '',
      },
    ]);
  });

  it('gives each lineage link once, saying which record publishes it', () => {
    expect(rowsOf('filiations')).toEqual([
      { ancienne: 'RNCP1', nouvelle: 'RNCP2', publiee_par: 'les_deux' },
      { ancienne: 'RNCP1', nouvelle: 'RNCP8', publiee_par: 'ancienne' },
      { ancienne: 'RNCP7', nouvelle: 'RNCP2', publiee_par: 'nouvelle' },
      { ancienne: 'RS11', nouvelle: 'RS10', publiee_par: 'nouvelle' },
    ]);
  });

  it('gives each block equivalence once, saying whether one record or both publish it', () => {
    expect(rowsOf('correspondances')).toEqual([
      { fiche: 'RNCP1', blocs: 'RNCP1BC01', autre_fiche: 'RNCP2', blocs_equivalents: 'RNCP2BC01, RNCP2BC02', publiee_par: 'les_deux' },
      { fiche: 'RNCP1', blocs: 'RNCP1BC07', autre_fiche: 'RNCP9', blocs_equivalents: 'RNCP9BC03', publiee_par: 'fiche' },
      { fiche: 'RNCP4', blocs: '', autre_fiche: 'RNCP3', blocs_equivalents: '', publiee_par: 'fiche' },
    ]);
  });
});
