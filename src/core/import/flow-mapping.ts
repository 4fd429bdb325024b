/**
 * One FICHE of the official flow as a certidocs record: what the flow says, in the schemas' fields. Values are
 * kept as published (texts trimmed of surrounding spaces only), dates turned from JJ/MM/AAAA into ISO dates,
 * Oui/Non into booleans. A value that cannot be converted is left out and reported; the record is still mapped.
 * The mapping is the same for both registries: a field the kind's schema does not hold is reported by the
 * schema check that follows (flow-cleaning.ts), not silently dropped here.
 */
import { childOf, childrenOf } from './flow-reader.ts';
import type { FlowElement } from './flow-reader.ts';
import { isCalendarDate } from '../text/calendar-date.ts';

/** A value of the flow that is not imported, and why (in French). */
export interface DroppedValue {
  record: string;
  /** The flow element, as a path below FICHE ("SI_JURY_FI/COMPOSITION"). */
  element: string;
  value: string;
  reason: string;
  /** Where the value is in the XML file. */
  line: number;
  column: number;
}

/** A ROME code and the label a record gives it ('' when the flow gives none), with where the ROME element is. */
export interface RomeLabel {
  code: string;
  label: string;
  line: number;
  column: number;
}

export interface MappedFiche {
  /** NUMERO_FICHE as published (may be missing or malformed: the caller decides). */
  id: string;
  /** The record in certidocs' field names, without the source entry's metadata. */
  data: Record<string, unknown>;
  romeLabels: RomeLabel[];
  dropped: DroppedValue[];
  /** Elements below FICHE this mapping does not know, to report once per export. */
  unknownElements: string[];
  line: number;
  column: number;
}

/** The elements of a FICHE that the mapping reads; anything else is reported as unknown. */
const KNOWN_ELEMENTS = new Set([
  'ID_FICHE',
  'NUMERO_FICHE',
  'NOUVELLES_CERTIFICATIONS',
  'ANCIENNES_CERTIFICATIONS',
  'INTITULE',
  'ABREGE',
  'ETAT_FICHE',
  'ACTIF',
  'NOMENCLATURE_EUROPE',
  'ANNEES_PROMOTIONS_NIVEAU',
  'VALIDATION_PARTIELLE',
  'CERTIFICATEURS',
  'EXISTENCE_PARTENAIRES',
  'PARTENAIRES',
  'CODES_NSF',
  'FORMACODES',
  'CODES_ROME',
  'CODES_IDCC',
  'CCN_1',
  'CCN_2',
  'CCN_3',
  'TYPE_ENREGISTREMENT',
  'DATE_DECISION',
  'DATE_EFFET',
  'DATE_FIN_ENREGISTREMENT',
  'DATE_LIMITE_DELIVRANCE',
  'DATE_DERNIER_JO',
  'DATE_DE_PUBLICATION',
  'DUREE_ENREGISTREMENT',
  'PUBLICATION_DECRET_GENERAL',
  'PUBLICATION_DECRET_CREATION',
  'PUBLICATION_DECRET_AUTRE',
  'PREREQUIS_ENTREE_FORMATION',
  'PREREQUIS_VALIDATION_CERTIFICATION',
  'OBJECTIFS_CONTEXTE',
  'ACTIVITES_VISEES',
  'CAPACITES_ATTESTEES',
  'REGLEMENTATIONS_ACTIVITES',
  'ACCESSIBLE_NOUVELLE_CALEDONIE',
  'ACCESSIBLE_POLYNESIE_FRANCAISE',
  'LIEN_URL_DESCRIPTION',
  'TYPE_EMPLOI_ACCESSIBLES',
  'SECTEURS_ACTIVITE',
  'BLOCS_COMPETENCES',
  'CORRESPONDANCES',
  'SI_JURY_FI',
  'SI_JURY_CA',
  'SI_JURY_FC',
  'SI_JURY_CQ',
  'SI_JURY_CL',
  'SI_JURY_VAE',
  'STATISTIQUES_PROMOTIONS',
]);

/** The flow's access-route containers and the certidocs names of the routes. */
export const ACCESS_ROUTES: readonly [string, string][] = [
  ['SI_JURY_FI', 'formation_initiale'],
  ['SI_JURY_CA', 'apprentissage'],
  ['SI_JURY_FC', 'formation_continue'],
  ['SI_JURY_CQ', 'contrat_professionnalisation'],
  ['SI_JURY_CL', 'candidature_individuelle'],
  ['SI_JURY_VAE', 'vae'],
];

/** Removes the properties left undefined, so that what the flow does not publish stays absent. */
function defined(object: Record<string, unknown>): Record<string, unknown> | undefined {
  const entries = Object.entries(object).filter(([, value]) => value !== undefined);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** A list, or undefined when it is empty: the schemas want lists with at least one item. */
function nonEmpty<T>(items: (T | undefined)[]): T[] | undefined {
  const kept = items.filter((item): item is T => item !== undefined);
  return kept.length > 0 ? kept : undefined;
}

/** Maps one FICHE; `sourceId` is the flow source the record's "source" fields cite. */
export function mapFiche(fiche: FlowElement, sourceId: string): MappedFiche {
  const id = childOf(fiche, 'NUMERO_FICHE')?.text ?? '';
  const dropped: DroppedValue[] = [];
  const drop = (element: FlowElement, path: string, reason: string) =>
    dropped.push({ record: id, element: path, value: element.text, reason, line: element.line, column: element.column });

  // A single-valued element published more than once: the first is read, each other one is reported once.
  const reportedRepeats = new Set<FlowElement>();
  const single = (parent: FlowElement | undefined, name: string, path = name): FlowElement | undefined => {
    const [first, ...repeats] = childrenOf(parent, name);
    for (const repeat of repeats) {
      if (reportedRepeats.has(repeat)) continue;
      reportedRepeats.add(repeat);
      drop(repeat, path, `élément publié plusieurs fois là où il n'en faut qu'un : seul le premier (« ${first.text} ») est importé`);
    }
    return first;
  };
  const text = (parent: FlowElement | undefined, name: string, path = name): string | undefined => {
    const value = single(parent, name, path)?.text;
    return value === undefined || value === '' ? undefined : value;
  };
  const textsOf = (parent: FlowElement | undefined, name: string) => nonEmpty(childrenOf(parent, name).map((e) => e.text || undefined));
  const date = (parent: FlowElement | undefined, name: string, path = name): string | undefined => {
    const element = single(parent, name, path);
    if (!element || element.text === '') return undefined;
    const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(element.text);
    if (!match) {
      drop(element, path, "date qui n'est pas au format JJ/MM/AAAA");
      return undefined;
    }
    const [, day, month, year] = match;
    const iso = `${year}-${month}-${day}`;
    if (!isCalendarDate(iso)) {
      drop(element, path, "date impossible (ce jour n'existe pas)");
      return undefined;
    }
    return iso;
  };
  const yesNo = (parent: FlowElement | undefined, name: string, path = name): boolean | undefined => {
    const element = single(parent, name, path);
    if (!element || element.text === '') return undefined;
    if (element.text === 'Oui') return true;
    if (element.text === 'Non') return false;
    drop(element, path, "valeur qui n'est ni « Oui » ni « Non »");
    return undefined;
  };
  const number = (element: FlowElement | undefined, path: string, integer: boolean): number | undefined => {
    if (!element || element.text === '') return undefined;
    const normalised = element.text.replace(',', '.');
    const value = integer
      ? /^\d+$/.test(normalised)
        ? Number(normalised)
        : NaN
      : /^\d+(\.\d+)?$/.test(normalised)
        ? Number(normalised)
        : NaN;
    if (Number.isNaN(value)) {
      drop(element, path, integer ? "ce n'est pas un nombre entier" : "ce n'est pas un nombre");
      return undefined;
    }
    return value;
  };

  const lineage = (container: string, item: string, field: string) =>
    nonEmpty(childrenOf(childOf(fiche, container), item).map((e) => text(e, field)));
  const codeLabel = (container: string, item: string) =>
    nonEmpty(childrenOf(childOf(fiche, container), item).map((e) => defined({ code: text(e, 'CODE'), libelle: text(e, 'LIBELLE') })));

  const level = childOf(fiche, 'NOMENCLATURE_EUROPE');
  const abbreviation = childOf(fiche, 'ABREGE');
  const romeCodes = childrenOf(childOf(fiche, 'CODES_ROME'), 'ROME');
  const romeLabels = romeCodes.flatMap((rome) => {
    const code = text(rome, 'CODE', 'CODES_ROME/ROME/CODE') ?? '';
    const label = text(rome, 'LIBELLE', 'CODES_ROME/ROME/LIBELLE') ?? '';
    if (code === '' && label !== '') drop(childOf(rome, 'LIBELLE')!, 'CODES_ROME/ROME/LIBELLE', 'libellé ROME publié sans son code (CODE)');
    return code === '' ? [] : [{ code, label, line: rome.line, column: rome.column }];
  });

  // The flow puts several addresses in one element, separated by runs of spaces; text between them is not one.
  const links = childrenOf(fiche, 'LIEN_URL_DESCRIPTION').flatMap((element) => {
    const addresses: string[] = [];
    let other: string[] = [];
    const flush = () => {
      if (other.length > 0)
        drop({ ...element, text: other.join(' ') }, 'LIEN_URL_DESCRIPTION', "ce n'est pas une adresse web (http:// ou https://)");
      other = [];
    };
    for (const token of element.text.split(/\s+/).filter(Boolean)) {
      if (/^https?:\/\/\S+$/i.test(token)) {
        flush();
        addresses.push(token);
      } else other.push(token);
    }
    flush();
    return addresses;
  });

  const publications = (name: string) =>
    nonEmpty(
      childrenOf(childOf(fiche, name), 'PUBLICATION_JO').map((publication) =>
        defined({
          titre: text(publication, 'TITRE'),
          date: date(publication, 'DATE_PUBLICATION_JO', `${name}/PUBLICATION_JO/DATE_PUBLICATION_JO`),
        }),
      ),
    );

  const blockCodes = (parent: FlowElement | undefined) => nonEmpty(childrenOf(parent, 'BLOC_COMPETENCES').map((b) => text(b, 'CODE')));

  const routes = Object.fromEntries(
    ACCESS_ROUTES.flatMap(([element, name]) => {
      const route = childOf(fiche, element);
      if (!route) return [];
      const open = yesNo(route, 'ACTIF', `${element}/ACTIF`);
      return open === undefined
        ? []
        : [
            [
              name,
              defined({
                ouverte: open,
                composition_jury: text(route, 'COMPOSITION'),
                date_derniere_modification: date(route, 'DATE_DERNIERE_MODIFICATION', `${element}/DATE_DERNIERE_MODIFICATION`),
              }),
            ],
          ];
    }),
  );

  const idcc = childOf(fiche, 'CODES_IDCC');
  const data =
    defined({
      numero_fiche: id || undefined,
      id_fiche: number(single(fiche, 'ID_FICHE'), 'ID_FICHE', true),
      intitule: text(fiche, 'INTITULE'),
      niveau:
        level && text(level, 'NIVEAU')
          ? defined({ code: text(level, 'NIVEAU'), libelle: text(level, 'LIBELLE'), source: sourceId })
          : undefined,
      annees_promotions_niveau: nonEmpty(
        childrenOf(childOf(fiche, 'ANNEES_PROMOTIONS_NIVEAU'), 'ANNEE').map((e) => number(e, 'ANNEES_PROMOTIONS_NIVEAU/ANNEE', true)),
      ),
      abrege: abbreviation ? defined({ code: text(abbreviation, 'CODE'), libelle: text(abbreviation, 'LIBELLE') }) : undefined,
      etat_fiche: text(fiche, 'ETAT_FICHE'),
      actif: yesNo(fiche, 'ACTIF'),
      validation_partielle: yesNo(fiche, 'VALIDATION_PARTIELLE'),
      certificateurs: nonEmpty(
        childrenOf(childOf(fiche, 'CERTIFICATEURS'), 'CERTIFICATEUR').map((c) =>
          defined({
            siret: text(c, 'SIRET_CERTIFICATEUR'),
            nom: text(c, 'NOM_CERTIFICATEUR'),
            etat: text(c, 'ETAT_CERTIFICATEUR'),
            date_derniere_modification_etat: date(c, 'DATE_DERNIERE_MODIFICATION_ETAT', 'CERTIFICATEUR/DATE_DERNIERE_MODIFICATION_ETAT'),
          }),
        ),
      ),
      existence_partenaires: yesNo(fiche, 'EXISTENCE_PARTENAIRES'),
      partenaires: nonEmpty(
        childrenOf(childOf(fiche, 'PARTENAIRES'), 'PARTENAIRE').map((p) =>
          defined({
            siret: text(p, 'SIRET_PARTENAIRE'),
            nom: text(p, 'NOM_PARTENAIRE'),
            habilitation: text(p, 'HABILITATION_PARTENAIRE'),
            etat_habilitation: text(p, 'ETAT_HABILITATION'),
            date_actif: date(p, 'DATE_ACTIF', 'PARTENAIRE/DATE_ACTIF'),
            date_derniere_modification_etat: date(p, 'DATE_DERNIERE_MODIFICATION_ETAT', 'PARTENAIRE/DATE_DERNIERE_MODIFICATION_ETAT'),
          }),
        ),
      ),
      codes_nsf: codeLabel('CODES_NSF', 'NSF'),
      formacodes: codeLabel('FORMACODES', 'FORMACODE'),
      // The XSD's inner element name is not in the samples: every non-empty leaf below CODES_IDCC is a code.
      codes_idcc: idcc ? nonEmpty(leaves(idcc).map((e) => e.text || undefined)) : undefined,
      conventions_collectives: nonEmpty(['CCN_1', 'CCN_2', 'CCN_3'].map((name) => text(fiche, name))),
      enregistrement: defined({
        type_enregistrement: text(fiche, 'TYPE_ENREGISTREMENT'),
        date_decision: date(fiche, 'DATE_DECISION'),
        date_effet: date(fiche, 'DATE_EFFET'),
        date_fin: date(fiche, 'DATE_FIN_ENREGISTREMENT'),
        date_limite_delivrance: date(fiche, 'DATE_LIMITE_DELIVRANCE'),
        date_dernier_jo: date(fiche, 'DATE_DERNIER_JO'),
        date_publication: date(fiche, 'DATE_DE_PUBLICATION'),
        duree_annees: number(single(fiche, 'DUREE_ENREGISTREMENT'), 'DUREE_ENREGISTREMENT', true),
        source: sourceId,
      }),
      publications_jo: defined({
        decret_general: publications('PUBLICATION_DECRET_GENERAL'),
        decret_creation: publications('PUBLICATION_DECRET_CREATION'),
        decret_autre: publications('PUBLICATION_DECRET_AUTRE'),
      }),
      prerequis: defined({
        entree_formation: text(fiche, 'PREREQUIS_ENTREE_FORMATION'),
        validation_certification: text(fiche, 'PREREQUIS_VALIDATION_CERTIFICATION'),
      }),
      objectifs: text(fiche, 'OBJECTIFS_CONTEXTE'),
      activites_visees: text(fiche, 'ACTIVITES_VISEES'),
      capacites_attestees: text(fiche, 'CAPACITES_ATTESTEES'),
      reglementations_activites: text(fiche, 'REGLEMENTATIONS_ACTIVITES'),
      accessible_nouvelle_caledonie: yesNo(fiche, 'ACCESSIBLE_NOUVELLE_CALEDONIE'),
      accessible_polynesie_francaise: yesNo(fiche, 'ACCESSIBLE_POLYNESIE_FRANCAISE'),
      liens_description: nonEmpty(links),
      debouches: defined({
        types_emploi: textsOf(fiche, 'TYPE_EMPLOI_ACCESSIBLES') && { intitules: textsOf(fiche, 'TYPE_EMPLOI_ACCESSIBLES') },
        secteurs: textsOf(fiche, 'SECTEURS_ACTIVITE') && { liste: textsOf(fiche, 'SECTEURS_ACTIVITE') },
      }),
      blocs: nonEmpty(
        childrenOf(childOf(fiche, 'BLOCS_COMPETENCES'), 'BLOC_COMPETENCES').map((b) =>
          defined({
            code: text(b, 'CODE'),
            intitule: text(b, 'LIBELLE'),
            competences: text(b, 'LISTE_COMPETENCES'),
            modalites_evaluation: text(b, 'MODALITES_EVALUATION'),
          }),
        ),
      ),
      correspondances: nonEmpty(
        childrenOf(childOf(fiche, 'CORRESPONDANCES'), 'CORRESPONDANCE').map((c) => {
          const destination = childOf(c, 'DESTINATION');
          return defined({
            blocs: blockCodes(childOf(c, 'SOURCE')),
            fiche: text(destination, 'NUMERO_FICHE'),
            blocs_equivalents: blockCodes(destination),
          });
        }),
      ),
      codes_rome: nonEmpty(romeLabels.map((rome) => rome.code)),
      anciennes_certifications: lineage('ANCIENNES_CERTIFICATIONS', 'ANCIENNE_CERTIFICATION', 'ID_FICHE_ANCIENNE_CERTIFICATION'),
      nouvelles_certifications: lineage('NOUVELLES_CERTIFICATIONS', 'NOUVELLE_CERTIFICATION', 'ID_FICHE_NOUVELLE_CERTIFICATION'),
      voies_acces: Object.keys(routes).length > 0 ? routes : undefined,
      statistiques_promotions: nonEmpty(
        childrenOf(childOf(fiche, 'STATISTIQUES_PROMOTIONS'), 'STATISTIQUES_PROMOTION').map((s) =>
          defined({
            annee: number(single(s, 'ANNEE'), 'STATISTIQUES_PROMOTION/ANNEE', true),
            nombre_certifies: number(single(s, 'NOMBRE_CERTIFIES'), 'STATISTIQUES_PROMOTION/NOMBRE_CERTIFIES', true),
            nombre_certifies_vae: number(single(s, 'NOMBRE_CERTIFIES_VAE'), 'STATISTIQUES_PROMOTION/NOMBRE_CERTIFIES_VAE', true),
            taux_insertion_6_mois: number(
              childOf(s, 'TAUX_INSERTION_GLOBAL_6MOIS'),
              'STATISTIQUES_PROMOTION/TAUX_INSERTION_GLOBAL_6MOIS',
              false,
            ),
            taux_insertion_2_ans: number(
              childOf(s, 'TAUX_INSERTION_METIER_2ANS'),
              'STATISTIQUES_PROMOTION/TAUX_INSERTION_METIER_2ANS',
              false,
            ),
            source: sourceId,
          }),
        ),
      ),
    }) ?? {};

  return {
    id,
    data,
    romeLabels,
    dropped,
    unknownElements: fiche.children.map((child) => child.name).filter((name) => !KNOWN_ELEMENTS.has(name)),
    line: fiche.line,
    column: fiche.column,
  };
}

/** The elements below one that have no children. */
function leaves(element: FlowElement): FlowElement[] {
  return element.children.length === 0 ? [element] : element.children.flatMap(leaves);
}
