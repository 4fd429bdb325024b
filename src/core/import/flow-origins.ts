/**
 * Where a field of a mapped record comes from in its FICHE: the flow element's path below FICHE and its place
 * in the XML file. The cleaning step leaves out values by JSON pointer; the report names them as the publisher
 * knows them, by flow element and line.
 */
import { ACCESS_ROUTES } from './flow-mapping.ts';
import { childrenOf } from './flow-reader.ts';
import type { FlowElement } from './flow-reader.ts';

/**
 * How one field is read from the flow: `element` is the child it lives in, `item` the repeated child an array
 * index selects (or, with `numbered`, the child named by that prefix and the index plus one: CCN_1, CCN_2…),
 * `leaf` the child of that item holding the value, `fields` the origins of an object's keys.
 */
interface Origin {
  element?: string;
  item?: string;
  numbered?: string;
  leaf?: string;
  fields?: Record<string, Origin | string>;
}

const codeAndLabel = { code: 'CODE', libelle: 'LIBELLE' };

const ORIGINS: Record<string, Origin | string> = {
  numero_fiche: 'NUMERO_FICHE',
  id_fiche: 'ID_FICHE',
  intitule: 'INTITULE',
  niveau: { element: 'NOMENCLATURE_EUROPE', fields: { code: 'NIVEAU', libelle: 'LIBELLE' } },
  annees_promotions_niveau: { element: 'ANNEES_PROMOTIONS_NIVEAU', item: 'ANNEE' },
  abrege: { element: 'ABREGE', fields: codeAndLabel },
  etat_fiche: 'ETAT_FICHE',
  actif: 'ACTIF',
  validation_partielle: 'VALIDATION_PARTIELLE',
  certificateurs: {
    element: 'CERTIFICATEURS',
    item: 'CERTIFICATEUR',
    fields: {
      siret: 'SIRET_CERTIFICATEUR',
      nom: 'NOM_CERTIFICATEUR',
      etat: 'ETAT_CERTIFICATEUR',
      date_derniere_modification_etat: 'DATE_DERNIERE_MODIFICATION_ETAT',
    },
  },
  existence_partenaires: 'EXISTENCE_PARTENAIRES',
  partenaires: {
    element: 'PARTENAIRES',
    item: 'PARTENAIRE',
    fields: {
      siret: 'SIRET_PARTENAIRE',
      nom: 'NOM_PARTENAIRE',
      habilitation: 'HABILITATION_PARTENAIRE',
      etat_habilitation: 'ETAT_HABILITATION',
      date_actif: 'DATE_ACTIF',
      date_derniere_modification_etat: 'DATE_DERNIERE_MODIFICATION_ETAT',
    },
  },
  codes_nsf: { element: 'CODES_NSF', item: 'NSF', fields: codeAndLabel },
  formacodes: { element: 'FORMACODES', item: 'FORMACODE', fields: codeAndLabel },
  codes_idcc: 'CODES_IDCC',
  conventions_collectives: { numbered: 'CCN_' },
  enregistrement: {
    fields: {
      type_enregistrement: 'TYPE_ENREGISTREMENT',
      date_decision: 'DATE_DECISION',
      date_effet: 'DATE_EFFET',
      date_fin: 'DATE_FIN_ENREGISTREMENT',
      date_limite_delivrance: 'DATE_LIMITE_DELIVRANCE',
      date_dernier_jo: 'DATE_DERNIER_JO',
      date_publication: 'DATE_DE_PUBLICATION',
      duree_annees: 'DUREE_ENREGISTREMENT',
    },
  },
  publications_jo: {
    fields: Object.fromEntries(
      ['general', 'creation', 'autre'].map((decree) => [
        `decret_${decree}`,
        {
          element: `PUBLICATION_DECRET_${decree.toUpperCase()}`,
          item: 'PUBLICATION_JO',
          fields: { titre: 'TITRE', date: 'DATE_PUBLICATION_JO' },
        },
      ]),
    ),
  },
  prerequis: {
    fields: { entree_formation: 'PREREQUIS_ENTREE_FORMATION', validation_certification: 'PREREQUIS_VALIDATION_CERTIFICATION' },
  },
  objectifs: 'OBJECTIFS_CONTEXTE',
  activites_visees: 'ACTIVITES_VISEES',
  capacites_attestees: 'CAPACITES_ATTESTEES',
  reglementations_activites: 'REGLEMENTATIONS_ACTIVITES',
  accessible_nouvelle_caledonie: 'ACCESSIBLE_NOUVELLE_CALEDONIE',
  accessible_polynesie_francaise: 'ACCESSIBLE_POLYNESIE_FRANCAISE',
  liens_description: { item: 'LIEN_URL_DESCRIPTION' },
  debouches: {
    fields: {
      types_emploi: { fields: { intitules: { item: 'TYPE_EMPLOI_ACCESSIBLES' } } },
      secteurs: { fields: { liste: { item: 'SECTEURS_ACTIVITE' } } },
    },
  },
  blocs: {
    element: 'BLOCS_COMPETENCES',
    item: 'BLOC_COMPETENCES',
    fields: { code: 'CODE', intitule: 'LIBELLE', competences: 'LISTE_COMPETENCES', modalites_evaluation: 'MODALITES_EVALUATION' },
  },
  correspondances: {
    element: 'CORRESPONDANCES',
    item: 'CORRESPONDANCE',
    fields: {
      blocs: { element: 'SOURCE', item: 'BLOC_COMPETENCES', leaf: 'CODE' },
      fiche: { element: 'DESTINATION', leaf: 'NUMERO_FICHE' },
      blocs_equivalents: { element: 'DESTINATION', item: 'BLOC_COMPETENCES', leaf: 'CODE' },
    },
  },
  codes_rome: { element: 'CODES_ROME', item: 'ROME', leaf: 'CODE' },
  anciennes_certifications: {
    element: 'ANCIENNES_CERTIFICATIONS',
    item: 'ANCIENNE_CERTIFICATION',
    leaf: 'ID_FICHE_ANCIENNE_CERTIFICATION',
  },
  nouvelles_certifications: {
    element: 'NOUVELLES_CERTIFICATIONS',
    item: 'NOUVELLE_CERTIFICATION',
    leaf: 'ID_FICHE_NOUVELLE_CERTIFICATION',
  },
  voies_acces: {
    fields: Object.fromEntries(
      ACCESS_ROUTES.map(([element, name]) => [
        name,
        {
          element,
          fields: { ouverte: 'ACTIF', composition_jury: 'COMPOSITION', date_derniere_modification: 'DATE_DERNIERE_MODIFICATION' },
        },
      ]),
    ),
  },
  statistiques_promotions: {
    element: 'STATISTIQUES_PROMOTIONS',
    item: 'STATISTIQUES_PROMOTION',
    fields: {
      annee: 'ANNEE',
      nombre_certifies: 'NOMBRE_CERTIFIES',
      nombre_certifies_vae: 'NOMBRE_CERTIFIES_VAE',
      taux_insertion_6_mois: 'TAUX_INSERTION_GLOBAL_6MOIS',
      taux_insertion_2_ans: 'TAUX_INSERTION_METIER_2ANS',
    },
  },
};

export interface FlowPlace {
  /** The element's path below FICHE ("CERTIFICATEURS/CERTIFICATEUR/NOM_CERTIFICATEUR"). */
  element: string;
  line: number;
  column: number;
}

/**
 * The flow element a record field comes from, and where it is: the deepest element of the path that the FICHE
 * has (an index counts the published items, so it is exact unless the mapping left earlier ones out).
 */
export function flowPlaceOf(fiche: FlowElement, pointer: string): FlowPlace {
  const segments = pointer.split('/').slice(1);
  const path: string[] = [];
  let found: FlowElement = fiche;
  let current: FlowElement | undefined = fiche;
  const descend = (name: string, index = 0) => {
    path.push(name);
    current = current && childrenOf(current, name)[index];
    if (current) found = current;
  };
  let origin: Origin | string | undefined = ORIGINS[segments.shift() ?? ''];
  while (origin !== undefined) {
    const spec: Origin = typeof origin === 'string' ? { element: origin } : origin;
    if (spec.element) descend(spec.element);
    if (spec.item || spec.numbered) {
      if (!/^\d+$/.test(segments[0] ?? '')) break;
      const index = Number(segments.shift());
      if (spec.item) descend(spec.item, index);
      else descend(`${spec.numbered}${index + 1}`);
      if (spec.leaf) descend(spec.leaf);
    } else if (spec.leaf) descend(spec.leaf);
    const key = segments.shift();
    origin = key === undefined ? undefined : spec.fields?.[key];
  }
  if (path.length === 0) path.push(pointer.split('/')[1]?.toUpperCase() ?? 'FICHE');
  return { element: path.join('/'), line: found.line, column: found.column };
}
