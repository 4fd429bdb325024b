/**
 * Readable places: labels and list identities of the fields the records hold — the "where" of a
 * change (« salaires (T1 2025) › 1830–3049 € »).
 */
import { formatEuros, formatNumber, formatPeriodShort } from '../text/french.ts';
import type { PathSegment } from '../files/json-pointer.ts';
import { describeSchema } from '../schemas/schema-store.ts';
import type { SchemaAt, SchemaFiles } from '../schemas/schema-store.ts';
import type { Fields } from './value-shapes.ts';

export interface PlaceRule {
  /** Left out of a path when the change is inside it: the labels below it say enough. */
  hidden?: true;
  /** The label, from the value (new, else old); the schema title when absent or undefined. */
  label?: (value: Fields) => string | undefined;
  /** For lists: the fields whose values identify an item, tried in order before whole-item equality. */
  identity?: string[][];
}

/** Places by path, "*" standing for any one segment (a list position or a field name). */
const PLACES: Record<string, PlaceRule> = {
  marche_du_travail: { hidden: true },
  'marche_du_travail/salaires_offres': {
    label: (v) => (typeof v.periode === 'string' ? `salaires (${formatPeriodShort(v.periode)})` : 'salaires'),
  },
  'marche_du_travail/salaires_offres/tranches': { hidden: true, identity: [['min', 'max']] },
  'marche_du_travail/salaires_offres/tranches/*': { label: bracketLabel },
  'marche_du_travail/repartitions': { hidden: true },
  'marche_du_travail/repartitions/*/lignes': { hidden: true, identity: [['libelle']] },
  'marche_du_travail/repartitions/*/lignes/*': { label: (v) => scalarText(v.libelle) },
  debouches: { hidden: true },
  blocs: { hidden: true, identity: [['numero'], ['code']] },
  'blocs/*': { label: (v) => prefixed('bloc', scalarText(v.numero) ?? scalarText(v.code)) },
  statistiques_promotions: { hidden: true, identity: [['annee']] },
  'statistiques_promotions/*': { label: (v) => prefixed('promotion', scalarText(v.annee)) },
  certificateurs: { hidden: true, identity: [['siret'], ['nom']] },
  'certificateurs/*': { label: (v) => prefixed('certificateur', scalarText(v.nom)) },
  codes_nsf: { hidden: true, identity: [['code']] },
  'codes_nsf/*': { label: (v) => prefixed('NSF', scalarText(v.code)) },
  formacodes: { hidden: true, identity: [['code']] },
  'formacodes/*': { label: (v) => prefixed('formacode', scalarText(v.code)) },
  sources: { hidden: true, identity: [['id']] },
  'sources/*': { label: (v) => prefixed('source', scalarText(v.id)) },
};

const PLACE_PATTERNS = Object.entries(PLACES).map(([pattern, rule]) => ({ segments: pattern.split('/'), rule }));

/** The rule for the place at a path of the new version, if the table names it. */
export function placeRule(segments: readonly PathSegment[]): PlaceRule | undefined {
  return PLACE_PATTERNS.find(
    (p) => p.segments.length === segments.length && p.segments.every((s, i) => s === '*' || s === String(segments[i])),
  )?.rule;
}

/** A salary bracket by its bounds: « 1830–3049 € », « jusqu'à 914 € », « à partir de 3050 € ». */
function bracketLabel(v: Fields): string | undefined {
  const min = typeof v.min === 'number' ? v.min : undefined;
  const max = typeof v.max === 'number' ? v.max : undefined;
  if (min !== undefined && max !== undefined) return `${formatNumber(min)}–${formatEuros(max)}`;
  if (max !== undefined) return `jusqu'à ${formatEuros(max)}`;
  return min === undefined ? undefined : `à partir de ${formatEuros(min)}`;
}

/** An identifying value as written: numbers here are years or ranks, never grouped by thousands. */
function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  return typeof value === 'number' ? String(value) : undefined;
}

function prefixed(word: string, value: string | undefined): string | undefined {
  return value === undefined ? undefined : `${word} ${value}`;
}

/** A schema title as a path label: first letter in lower case (acronyms kept), unit suffixes dropped (values carry them). */
export function titleLabel(schemas: SchemaFiles, at: SchemaAt | undefined): string | undefined {
  const title = at ? describeSchema(schemas, at).title : undefined;
  if (!title) return undefined;
  const lowered = /^.[A-Z]/u.test(title) ? title : title.charAt(0).toLowerCase() + title.slice(1);
  return lowered.replace(/ \((%|€)\)$/, '');
}
