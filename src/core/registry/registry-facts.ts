/**
 * What the readers' registry needs of one RNCP or RS record beyond its own page: its validity, its
 * lineage, its blocks and their equivalences, its certifiers and the facets lists filter on. Small
 * and flat, so that the whole registry's facts fit in memory together and a page of one record can
 * say what the others say of it.
 */
import type { RecordKind } from '../kinds/record-kinds.ts';
import type { Certification, CertificationRs, Enregistrement } from '../schemas/types.generated.ts';
import type { ValidityFacts } from './validity.ts';

export type Registry = 'RNCP' | 'RS';

/** The kind of record each registry's records are. */
export const REGISTRY_KINDS = { RNCP: 'certification', RS: 'rs' } as const satisfies Record<Registry, RecordKind>;

/** The access routes both registries publish (SI_JURY_*), in the flow's order, with their French names. */
export const ACCESS_ROUTES = [
  ['formation_initiale', 'Formation initiale'],
  ['apprentissage', 'Apprentissage'],
  ['formation_continue', 'Formation continue'],
  ['contrat_professionnalisation', 'Contrat de professionnalisation'],
  ['candidature_individuelle', 'Candidature individuelle'],
  ['vae', "Validation des acquis de l'expérience (VAE)"],
] as const;

export type AccessRoute = (typeof ACCESS_ROUTES)[number][0];

export const ACCESS_ROUTE_LABELS = Object.fromEntries(ACCESS_ROUTES) as Record<AccessRoute, string>;

/** The levels of the national framework, as readers name them. */
export const LEVEL_LABELS: Record<string, string> = {
  NIV3: 'Niveau 3',
  NIV4: 'Niveau 4',
  NIV5: 'Niveau 5',
  NIV6: 'Niveau 6',
  NIV7: 'Niveau 7',
  NIV8: 'Niveau 8',
};

/** A coded term of a nomenclature (NSF, Formacode). */
export interface CodedTerm {
  code: string;
  label: string;
}

export interface CertifierFacts {
  siret: string | undefined;
  name: string;
  /** ETAT_CERTIFICATEUR as published (« Actif »…). */
  state: string | undefined;
}

/** A block as other records link to it: its code, its rank on its record's page (its anchor is `bloc-<rank>`) and its title. */
export interface BlockFacts {
  code: string | undefined;
  rank: number;
  title: string;
}

/** One published equivalence: blocks of this record and the equivalent blocks of another. */
export interface EquivalenceFacts {
  blocks: string[];
  record: string;
  equivalents: string[];
}

export interface RegistryFacts {
  id: string;
  registry: Registry;
  title: string;
  /** "NIV7"; undefined when no source gives it (RS records have none). */
  level: string | undefined;
  validity: ValidityFacts;
  /** The records this one replaces and those that replace it, as this record lists them. */
  replaces: string[];
  replacedBy: string[];
  blocks: BlockFacts[];
  equivalences: EquivalenceFacts[];
  certifiers: CertifierFacts[];
  nsf: CodedTerm[];
  formacodes: CodedTerm[];
  romeCodes: string[];
  /** The access routes the record declares open. */
  routes: AccessRoute[];
  partnerCount: number;
  /** Whether the latest export of the official flow no longer holds the record (absente_de_l_export). */
  absentFromExport: boolean;
}

/** The registry facts of an RNCP record. */
export function certificationFacts(c: Certification): RegistryFacts {
  return {
    ...sharedFacts(c, 'RNCP'),
    level: c.niveau?.code,
    blocks: (c.blocs ?? []).map((b, i) => ({ code: b.code, rank: b.numero ?? i + 1, title: b.intitule })),
    equivalences: (c.correspondances ?? []).map((e) => ({
      blocks: e.blocs ?? [],
      record: e.fiche,
      equivalents: e.blocs_equivalents ?? [],
    })),
    romeCodes: c.codes_rome ?? [],
  };
}

/** The registry facts of an RS record: no level, no blocks, no ROME sheets. */
export function rsFacts(r: CertificationRs): RegistryFacts {
  return { ...sharedFacts(r, 'RS'), level: undefined, blocks: [], equivalences: [], romeCodes: [] };
}

type SharedFields = Pick<
  Certification,
  | 'numero_fiche'
  | 'intitule'
  | 'etat_fiche'
  | 'anciennes_certifications'
  | 'nouvelles_certifications'
  | 'certificateurs'
  | 'codes_nsf'
  | 'formacodes'
  | 'partenaires'
  | 'absente_de_l_export'
> & { enregistrement: Enregistrement; voies_acces: Partial<Certification['voies_acces']> };

function sharedFacts(r: SharedFields, registry: Registry): Omit<RegistryFacts, 'level' | 'blocks' | 'equivalences' | 'romeCodes'> {
  return {
    id: r.numero_fiche,
    registry,
    title: r.intitule,
    validity: {
      etatFiche: r.etat_fiche,
      endDate: r.enregistrement.date_fin,
      lastAwardDate: r.enregistrement.date_limite_delivrance,
    },
    replaces: r.anciennes_certifications ?? [],
    replacedBy: r.nouvelles_certifications ?? [],
    certifiers: (r.certificateurs ?? []).map((c) => ({ siret: c.siret, name: c.nom, state: c.etat })),
    nsf: (r.codes_nsf ?? []).map((t) => ({ code: t.code, label: t.libelle })),
    formacodes: (r.formacodes ?? []).map((t) => ({ code: t.code, label: t.libelle })),
    routes: ACCESS_ROUTES.map(([key]) => key).filter((key) => {
      const route = r.voies_acces[key];
      return typeof route === 'boolean' ? route : route?.ouverte === true;
    }),
    partnerCount: r.partenaires?.length ?? 0,
    absentFromExport: r.absente_de_l_export !== undefined,
  };
}
