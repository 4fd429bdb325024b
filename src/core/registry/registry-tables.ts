/**
 * The registry's tables for spreadsheets: one row per certification, per block, per ROME link, per
 * certifier, per partner, per lineage link and per block equivalence, across RNCP and RS. Each table
 * and each of its columns is described here once, in French: the CSV writer takes its header and its
 * cells from these descriptions, and the open-data page and the OpenAPI description show them.
 *
 * A cell is what the record publishes, never a guess: an empty cell is a value the record does not
 * give. Booleans read « oui » / « non », dates AAAA-MM-JJ, lists of codes are separated by commas.
 */
import type { Certification, CertificationRs } from '../schemas/types.generated.ts';
import type { Registry } from './registry-facts.ts';
import { compareIds } from './registry-index.ts';
import type { RegistryIndex } from './registry-index.ts';
import { VALIDITY_DEFINITIONS, VALIDITY_STATUSES, validityOf } from './validity.ts';
import type { ValidityStatus } from './validity.ts';

/** One RNCP or RS record, as the tables read it. */
export type RegistryRecord = { registry: 'RNCP'; record: Certification } | { registry: 'RS'; record: CertificationRs };

/** What a row may need beyond its own record: what other records say of it, and the date statuses are computed at. */
export interface TableContext {
  index: RegistryIndex;
  /** The build's commit date (AAAA-MM-JJ); undefined when built without git, which leaves statuses empty. */
  reference: string | undefined;
}

/** A value a column takes, and what it means. */
export interface ColumnValue {
  value: string;
  meaning: string;
}

export interface TableColumn {
  name: string;
  description: string;
  /** The values the column takes, when they are a closed list. */
  values?: readonly ColumnValue[];
}

export interface RegistryTable {
  /** The table's file name without extension: "certifications", "blocs". */
  name: string;
  title: string;
  /** What one row is. */
  description: string;
  columns: readonly TableColumn[];
  /** The rows one record gives, each cell as the CSV writes it. */
  rows(record: RegistryRecord, context: TableContext): string[][];
}

type Cell = string | number | boolean | undefined;

interface ColumnSpec<T> extends TableColumn {
  cell(item: T): Cell;
}

interface TableSpec<T> {
  name: string;
  title: string;
  description: string;
  items(record: RegistryRecord, context: TableContext): readonly T[];
  columns: readonly ColumnSpec<T>[];
}

function text(cell: Cell): string {
  if (cell === undefined) return '';
  if (typeof cell === 'boolean') return cell ? 'oui' : 'non';
  return String(cell);
}

/** A table from its items and typed columns: the descriptions are the columns themselves, so neither can drift. */
function table<T>(spec: TableSpec<T>): RegistryTable {
  return {
    name: spec.name,
    title: spec.title,
    description: spec.description,
    columns: spec.columns.map(({ name, description, values }) => ({ name, description, ...(values ? { values } : {}) })),
    rows: (record, context) => spec.items(record, context).map((item) => spec.columns.map((column) => text(column.cell(item)))),
  };
}

const list = (codes: readonly string[] | undefined) => (codes ?? []).join(', ');

/** The record's number, first column of every per-record table. */
function recordNumber<T extends { id: string }>(): ColumnSpec<T> {
  return {
    name: 'numero_fiche',
    description: 'Numéro de la fiche (RNCP… ou RS…), celui de la colonne « numero » de la table « certifications ».',
    cell: (item) => item.id,
  };
}

const REGISTRIES: readonly ColumnValue[] = [
  { value: 'RNCP', meaning: 'Répertoire national des certifications professionnelles.' },
  { value: 'RS', meaning: 'Répertoire spécifique.' },
] satisfies { value: Registry; meaning: string }[];

interface CertificationRow {
  entry: RegistryRecord;
  /** Its status at the reference date, from its registry facts (what the pages show). */
  status: ValidityStatus | undefined;
  reference: string | undefined;
}

function certificationRow(entry: RegistryRecord, { index, reference }: TableContext): CertificationRow {
  const facts = index.facts(entry.record.numero_fiche);
  return { entry, status: facts && reference !== undefined ? validityOf(facts.validity, reference).status : undefined, reference };
}

const certifications = table<CertificationRow>({
  name: 'certifications',
  title: 'Certifications',
  description: 'Une ligne par fiche du RNCP et du Répertoire spécifique, RNCP puis RS, par numéro.',
  items: (entry, context) => [certificationRow(entry, context)],
  columns: [
    {
      name: 'numero',
      description: 'Numéro de la fiche au répertoire (champ RNCP : NUMERO_FICHE).',
      cell: ({ entry }) => entry.record.numero_fiche,
    },
    { name: 'registre', description: 'Répertoire de la fiche.', values: REGISTRIES, cell: ({ entry }) => entry.registry },
    {
      name: 'intitule',
      description: 'Intitulé officiel de la certification (champ RNCP : INTITULE).',
      cell: ({ entry }) => entry.record.intitule,
    },
    {
      name: 'niveau',
      description:
        "Niveau du cadre national, de NIV3 à NIV8 (champ RNCP : NOMENCLATURE_EUROPE/NIVEAU) ; vide pour le RS, qui n'en publie pas.",
      cell: ({ entry }) => (entry.registry === 'RNCP' ? entry.record.niveau?.code : undefined),
    },
    {
      name: 'abrege',
      description:
        'Abrégé du type de certification, par exemple « TP » pour un titre professionnel (champ RNCP : ABREGE/CODE) ; RNCP seulement.',
      cell: ({ entry }) => (entry.registry === 'RNCP' ? entry.record.abrege?.code : undefined),
    },
    {
      name: 'etat_fiche',
      description: 'État de la fiche tel que publié, par exemple « Publiée » (champ RNCP : ETAT_FICHE).',
      cell: ({ entry }) => entry.record.etat_fiche,
    },
    {
      name: 'actif',
      description: '« oui » si la fiche est active au répertoire, « non » sinon (champ RNCP : ACTIF).',
      cell: ({ entry }) => entry.record.actif,
    },
    {
      name: 'type_enregistrement',
      description: 'Enregistrement de droit ou sur demande (champ RNCP : TYPE_ENREGISTREMENT).',
      cell: ({ entry }) => entry.record.enregistrement.type_enregistrement,
    },
    {
      name: 'date_decision',
      description: "Date de la décision d'enregistrement (champ RNCP : DATE_DECISION).",
      cell: ({ entry }) => entry.record.enregistrement.date_decision,
    },
    {
      name: 'date_effet',
      description: "Date à laquelle l'enregistrement prend effet (champ RNCP : DATE_EFFET).",
      cell: ({ entry }) => entry.record.enregistrement.date_effet,
    },
    {
      name: 'date_fin',
      description: "Dernier jour de l'enregistrement (champ RNCP : DATE_FIN_ENREGISTREMENT).",
      cell: ({ entry }) => entry.record.enregistrement.date_fin,
    },
    {
      name: 'date_limite_delivrance',
      description: 'Dernier jour où la certification peut encore être délivrée (champ RNCP : DATE_LIMITE_DELIVRANCE).',
      cell: ({ entry }) => entry.record.enregistrement.date_limite_delivrance,
    },
    {
      name: 'statut',
      description:
        "Statut de la certification à la date de la colonne « statut_au », calculé d'après « etat_fiche » et « date_fin » ; vide quand ces champs ne permettent pas de le dire.",
      values: VALIDITY_STATUSES.map((status) => ({ value: status, meaning: VALIDITY_DEFINITIONS[status] })),
      cell: ({ status }) => status,
    },
    {
      name: 'statut_au',
      description:
        "Date à laquelle le statut est calculé : celle de la version publiée du site, pas celle du téléchargement ; vide si la construction n'en a pas.",
      cell: ({ reference }) => reference,
    },
    {
      name: 'absente_de_l_export',
      description:
        "« oui » quand le dernier export officiel importé ne contient plus la fiche, gardée telle qu'elle était ; « non » sinon.",
      cell: ({ entry }) => entry.record.absente_de_l_export !== undefined,
    },
  ],
});

type Block = NonNullable<Certification['blocs']>[number];

const blocs = table<{ id: string; block: Block; rank: number }>({
  name: 'blocs',
  title: 'Blocs de compétences',
  description: "Une ligne par bloc de compétences d'une fiche RNCP, dans l'ordre de la fiche.",
  items: (entry) =>
    entry.registry === 'RNCP'
      ? (entry.record.blocs ?? []).map((block, i) => ({ id: entry.record.numero_fiche, block, rank: block.numero ?? i + 1 }))
      : [],
  columns: [
    recordNumber(),
    {
      name: 'code',
      description: "Code officiel du bloc, par exemple RNCP39853BC01 (champ RNCP : BLOC_COMPETENCES/CODE) ; vide s'il n'est pas publié.",
      cell: ({ block }) => block.code,
    },
    {
      name: 'rang',
      description: 'Rang du bloc dans la fiche (1, 2, 3…) : celui que donne la fiche, sinon sa place dans la liste.',
      cell: ({ rank }) => rank,
    },
    { name: 'intitule', description: 'Intitulé du bloc (champ RNCP : BLOC_COMPETENCES/LIBELLE).', cell: ({ block }) => block.intitule },
    {
      name: 'optionnel',
      description:
        "« oui » si la source marque le bloc « Bloc optionnel », « non » si elle dit qu'il ne l'est pas ; vide si elle ne le dit pas.",
      cell: ({ block }) => block.optionnel,
    },
  ],
});

const rome = table<{ id: string; code: string }>({
  name: 'rome',
  title: 'Métiers ROME visés',
  description: "Une ligne par code ROME qu'une fiche RNCP cite, dans l'ordre de la fiche.",
  items: (entry) =>
    entry.registry === 'RNCP' ? (entry.record.codes_rome ?? []).map((code) => ({ id: entry.record.numero_fiche, code })) : [],
  columns: [
    recordNumber(),
    {
      name: 'code_rome',
      description: 'Code de la fiche métier ROME, par exemple K1704 (champ RNCP : CODES_ROME/ROME/CODE).',
      cell: ({ code }) => code,
    },
  ],
});

type Certifier = NonNullable<Certification['certificateurs']>[number];

const certificateurs = table<{ id: string; certifier: Certifier }>({
  name: 'certificateurs',
  title: 'Certificateurs',
  description: "Une ligne par organisme certificateur d'une fiche, dans l'ordre de la fiche.",
  items: (entry) => (entry.record.certificateurs ?? []).map((certifier) => ({ id: entry.record.numero_fiche, certifier })),
  columns: [
    recordNumber(),
    {
      name: 'siret',
      description: "Numéro SIRET de l'organisme, 14 chiffres (champ RNCP : SIRET_CERTIFICATEUR).",
      cell: ({ certifier }) => certifier.siret,
    },
    { name: 'nom', description: "Nom de l'organisme (champ RNCP : NOM_CERTIFICATEUR).", cell: ({ certifier }) => certifier.nom },
    {
      name: 'etat',
      description: 'État du certificateur tel que publié, par exemple « Actif » (champ RNCP : ETAT_CERTIFICATEUR).',
      cell: ({ certifier }) => certifier.etat,
    },
    {
      name: 'date_derniere_modification_etat',
      description: "Date du dernier changement d'état du certificateur (champ RNCP : DATE_DERNIERE_MODIFICATION_ETAT).",
      cell: ({ certifier }) => certifier.date_derniere_modification_etat,
    },
  ],
});

type Partner = NonNullable<Certification['partenaires']>[number];

const partenaires = table<{ id: string; partner: Partner }>({
  name: 'partenaires',
  title: 'Partenaires habilités',
  description: "Une ligne par organisme partenaire qu'un certificateur a habilité, dans l'ordre de la fiche.",
  items: (entry) => (entry.record.partenaires ?? []).map((partner) => ({ id: entry.record.numero_fiche, partner })),
  columns: [
    recordNumber(),
    {
      name: 'siret',
      description: "Numéro SIRET de l'organisme, 14 chiffres (champ RNCP : SIRET_PARTENAIRE).",
      cell: ({ partner }) => partner.siret,
    },
    { name: 'nom', description: "Nom de l'organisme (champ RNCP : NOM_PARTENAIRE).", cell: ({ partner }) => partner.nom },
    {
      name: 'habilitation',
      description:
        "Code de l'habilitation accordée, tel que publié, par exemple HABILITATION_ORGA_FORM (champ RNCP : HABILITATION_PARTENAIRE).",
      cell: ({ partner }) => partner.habilitation,
    },
    {
      name: 'etat_habilitation',
      description: "État de l'habilitation tel que publié, par exemple « Actif » (champ RNCP : ETAT_HABILITATION).",
      cell: ({ partner }) => partner.etat_habilitation,
    },
    {
      name: 'date_actif',
      description: "Date à laquelle l'habilitation est devenue active (champ RNCP : DATE_ACTIF).",
      cell: ({ partner }) => partner.date_actif,
    },
    {
      name: 'date_derniere_modification_etat',
      description: "Date du dernier changement d'état de l'habilitation (champ RNCP : DATE_DERNIERE_MODIFICATION_ETAT).",
      cell: ({ partner }) => partner.date_derniere_modification_etat,
    },
  ],
});

type Publisher = 'ancienne' | 'nouvelle' | 'les_deux';

/**
 * The lineage links a record gives the table: those to the records that replace it, and those to the
 * records it replaces that are not published here (one that is gives that row itself).
 */
function lineageOf(entry: RegistryRecord, index: RegistryIndex): { old: string; new: string; publisher: Publisher }[] {
  const id = entry.record.numero_fiche;
  const rows = new Map<string, { old: string; new: string; publisher: Publisher }>();
  for (const link of index.replacedBy(id)) {
    const publisher = link.statedBy === 'both' ? 'les_deux' : link.statedBy === 'this' ? 'ancienne' : 'nouvelle';
    rows.set(`${id}>${link.id}`, { old: id, new: link.id, publisher });
  }
  for (const link of index.replaces(id)) {
    if (index.facts(link.id)) continue;
    rows.set(`${link.id}>${id}`, { old: link.id, new: id, publisher: 'nouvelle' });
  }
  return [...rows.values()];
}

const filiations = table<{ old: string; new: string; publisher: Publisher }>({
  name: 'filiations',
  title: 'Filiations',
  description:
    "Une ligne par lien entre une fiche et celle qui la remplace, qu'une seule des deux le publie ou les deux (champs RNCP : ANCIENNES_CERTIFICATIONS, NOUVELLES_CERTIFICATIONS).",
  items: (entry, { index }) => lineageOf(entry, index),
  columns: [
    { name: 'ancienne', description: 'Numéro de la fiche remplacée ; elle peut ne pas être publiée ici.', cell: (row) => row.old },
    { name: 'nouvelle', description: 'Numéro de la fiche qui la remplace ; elle peut ne pas être publiée ici.', cell: (row) => row.new },
    {
      name: 'publiee_par',
      description: 'Laquelle des deux fiches publie le lien.',
      values: [
        { value: 'ancienne', meaning: 'Seule la fiche remplacée nomme celle qui la remplace (« nouvelles certifications »).' },
        { value: 'nouvelle', meaning: "Seule la fiche qui remplace nomme celle qu'elle remplace (« anciennes certifications »)." },
        { value: 'les_deux', meaning: "Chacune nomme l'autre." },
      ],
      cell: (row) => row.publisher,
    },
  ],
});

interface EquivalenceRow {
  id: string;
  blocks: readonly string[];
  other: string;
  equivalents: readonly string[];
  publisher: 'fiche' | 'les_deux';
}

/**
 * The equivalences a record gives the table: those it publishes, once each. One both records publish
 * is given by the first of the two by number; one only the other record publishes is given by that record.
 */
function equivalencesOf(entry: RegistryRecord, index: RegistryIndex): EquivalenceRow[] {
  const id = entry.record.numero_fiche;
  return index.equivalences(id).flatMap((e): EquivalenceRow[] => {
    if (e.statedBy === 'other' || (e.statedBy === 'both' && compareIds(e.record, id) < 0)) return [];
    return [{ id, blocks: e.blocks, other: e.record, equivalents: e.equivalents, publisher: e.statedBy === 'both' ? 'les_deux' : 'fiche' }];
  });
}

const correspondances = table<EquivalenceRow>({
  name: 'correspondances',
  title: 'Correspondances de blocs',
  description:
    "Une ligne par équivalence entre des blocs de deux fiches, qu'une seule des deux la publie ou les deux (champ RNCP : CORRESPONDANCES).",
  items: (entry, { index }) => equivalencesOf(entry, index),
  columns: [
    { name: 'fiche', description: 'Numéro de la fiche dont les blocs sont équivalents à ceux de « autre_fiche ».', cell: (row) => row.id },
    {
      name: 'blocs',
      description: 'Codes des blocs de « fiche », séparés par des virgules ; vide quand la source ne les publie pas.',
      cell: (row) => list(row.blocks),
    },
    { name: 'autre_fiche', description: "Numéro de l'autre fiche ; elle peut ne pas être publiée ici.", cell: (row) => row.other },
    {
      name: 'blocs_equivalents',
      description: 'Codes des blocs équivalents de « autre_fiche », séparés par des virgules ; vide quand la source ne les publie pas.',
      cell: (row) => list(row.equivalents),
    },
    {
      name: 'publiee_par',
      description: "Laquelle des deux fiches publie l'équivalence.",
      values: [
        { value: 'fiche', meaning: 'Seule « fiche » la publie.' },
        { value: 'les_deux', meaning: 'Les deux fiches la publient.' },
      ],
      cell: (row) => row.publisher,
    },
  ],
});

/** Every table, in the order the open-data page lists them. */
export const REGISTRY_TABLES: readonly RegistryTable[] = [
  certifications,
  blocs,
  rome,
  certificateurs,
  partenaires,
  filiations,
  correspondances,
];
