/**
 * Reads records of France Compétences' open-data RNCP flow (XML, v4.1) into certidocs' record
 * shape, for tests that check the schemas can hold real records.
 */
import { XMLParser } from 'fast-xml-parser';

type Xml = Record<string, unknown>;

const LIST_TAGS = new Set([
  'FICHE',
  'ROME',
  'BLOC_COMPETENCES',
  'STATISTIQUES_PROMOTION',
  'CERTIFICATEUR',
  'NSF',
  'FORMACODE',
  'ANCIENNE_CERTIFICATION',
  'NOUVELLE_CERTIFICATION',
]);

const parser = new XMLParser({ isArray: (name) => LIST_TAGS.has(name), parseTagValue: false, trimValues: true });

/** All FICHE elements of a flow document. */
export function readFlow(xml: string): Xml[] {
  return (parser.parse(xml) as { FICHES: { FICHE: Xml[] } }).FICHES.FICHE;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
const list = (value: unknown, tag: string): Xml[] => ((value as Xml | undefined)?.[tag] as Xml[] | undefined) ?? [];
/** "31/08/2024" → "2024-08-31". */
const isoDate = (value: unknown): string | undefined => {
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text(value) ?? '');
  return match ? `${match[3]}-${match[2]}-${match[1]}` : undefined;
};
const percentOrNoData = (value: unknown) => (text(value) === undefined ? { aucune_donnee: true } : Number(text(value)));
/** Drops undefined fields, so optional fields absent from the flow stay absent. */
const defined = <T extends Xml>(object: T): T => Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T;

/** One flow record as a certidocs certification, citing the flow as its only source. */
export function toCertification(fiche: Xml): Xml {
  const jury = (tag: string) => text((fiche[tag] as Xml | undefined)?.ACTIF) === 'Oui';
  const level = text((fiche.NOMENCLATURE_EUROPE as Xml | undefined)?.NIVEAU);
  const prerequisites = defined({ entree_formation: text(fiche.PREREQUIS_ENTREE_FORMATION) });
  return defined({
    numero_fiche: text(fiche.NUMERO_FICHE),
    intitule: text(fiche.INTITULE),
    niveau: level ? { code: level, source: 'flux-rncp' } : undefined,
    abrege: fiche.ABREGE ? { code: text((fiche.ABREGE as Xml).CODE), libelle: text((fiche.ABREGE as Xml).LIBELLE) } : undefined,
    etat_fiche: text(fiche.ETAT_FICHE),
    actif: text(fiche.ACTIF) === undefined ? undefined : text(fiche.ACTIF) === 'Oui',
    certificateurs: list(fiche.CERTIFICATEURS, 'CERTIFICATEUR').map((c) =>
      defined({ siret: text(c.SIRET_CERTIFICATEUR), nom: text(c.NOM_CERTIFICATEUR), etat: text(c.ETAT_CERTIFICATEUR) }),
    ),
    codes_nsf: list(fiche.CODES_NSF, 'NSF').map((c) => ({ code: text(c.CODE), libelle: text(c.LIBELLE) })),
    formacodes: list(fiche.FORMACODES, 'FORMACODE').map((c) => ({ code: text(c.CODE), libelle: text(c.LIBELLE) })),
    enregistrement: defined({
      type_enregistrement: text(fiche.TYPE_ENREGISTREMENT),
      date_decision: isoDate(fiche.DATE_DECISION),
      date_effet: isoDate(fiche.DATE_EFFET),
      date_fin: isoDate(fiche.DATE_FIN_ENREGISTREMENT),
      duree_annees: text(fiche.DUREE_ENREGISTREMENT) ? Number(text(fiche.DUREE_ENREGISTREMENT)) : undefined,
      source: 'flux-rncp',
    }),
    prerequis: Object.keys(prerequisites).length > 0 ? prerequisites : undefined,
    objectifs: text(fiche.OBJECTIFS_CONTEXTE),
    activites_visees: text(fiche.ACTIVITES_VISEES),
    capacites_attestees: text(fiche.CAPACITES_ATTESTEES),
    liens_description: text(fiche.LIEN_URL_DESCRIPTION)?.split(/\s+/),
    debouches: {
      types_emploi: { intitules: [text(fiche.TYPE_EMPLOI_ACCESSIBLES)] },
      secteurs: { liste: [text(fiche.SECTEURS_ACTIVITE)] },
    },
    blocs: list(fiche.BLOCS_COMPETENCES, 'BLOC_COMPETENCES').map((b, i) =>
      defined({
        numero: i + 1,
        code: text(b.CODE),
        intitule: text(b.LIBELLE),
        optionnel: false,
        competences: text(b.LISTE_COMPETENCES),
        modalites_evaluation: text(b.MODALITES_EVALUATION),
      }),
    ),
    codes_rome: list(fiche.CODES_ROME, 'ROME').map((r) => text(r.CODE)),
    anciennes_certifications: list(fiche.ANCIENNES_CERTIFICATIONS, 'ANCIENNE_CERTIFICATION').map((c) =>
      text(c.ID_FICHE_ANCIENNE_CERTIFICATION),
    ),
    nouvelles_certifications: list(fiche.NOUVELLES_CERTIFICATIONS, 'NOUVELLE_CERTIFICATION').map((c) =>
      text(c.ID_FICHE_NOUVELLE_CERTIFICATION),
    ),
    voies_acces: {
      formation_initiale: jury('SI_JURY_FI'),
      apprentissage: jury('SI_JURY_CA'),
      formation_continue: jury('SI_JURY_FC'),
      contrat_professionnalisation: jury('SI_JURY_CQ'),
      candidature_individuelle: jury('SI_JURY_CL'),
      vae: jury('SI_JURY_VAE'),
    },
    statistiques_promotions: list(fiche.STATISTIQUES_PROMOTIONS, 'STATISTIQUES_PROMOTION').map((s) =>
      defined({
        annee: Number(text(s.ANNEE)),
        nombre_certifies: text(s.NOMBRE_CERTIFIES) ? Number(text(s.NOMBRE_CERTIFIES)) : undefined,
        nombre_certifies_vae: text(s.NOMBRE_CERTIFIES_VAE) ? Number(text(s.NOMBRE_CERTIFIES_VAE)) : undefined,
        taux_insertion_6_mois: percentOrNoData(s.TAUX_INSERTION_GLOBAL_6MOIS),
        taux_insertion_2_ans: percentOrNoData(s.TAUX_INSERTION_METIER_2ANS),
        source: 'flux-rncp',
      }),
    ),
    sources: [{ id: 'flux-rncp', intitule: 'France Compétences, flux RNCP v4.1 (Licence Ouverte 2.0)' }],
  });
}

/** The ROME sheets a flow record cites, with their labels and no labour-market data. */
export function toRomeSheets(fiche: Xml): Xml[] {
  return list(fiche.CODES_ROME, 'ROME').map((r) => ({
    code: text(r.CODE),
    intitule: text(r.LIBELLE),
    libelle_source: { referentiel: 'ROME', version: '4.0', source: 'flux-rncp' },
    marche_du_travail: { aucune_donnee: true },
    sources: [{ id: 'flux-rncp', intitule: 'France Compétences, flux RNCP v4.1 (Licence Ouverte 2.0)' }],
  }));
}
