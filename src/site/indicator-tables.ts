/**
 * The published figures of a record as tables: one shape for the page's accessible tables, its
 * charts and the CSV downloads, so all three always show the same numbers.
 */
import type { Certification, FicheRome, MarcheDuTravail, Source } from '../core/schemas/types.generated.ts';
import { formatEuros } from '../core/text/french.ts';

/** A data-quality note the validator attached to a record (see src/loader/entry.ts). */
export interface TableNote {
  pointer: string;
  message: string;
}

export interface IndicatorTable {
  /** Anchor on the page and CSV file name: "salaires", "experience"… */
  id: string;
  title: string;
  /** Title the source gives the chart itself, when it differs from the table's. */
  chartTitle?: string;
  subtitle?: string;
  /** Raw period of every figure ("2025-T1"), or undefined when each row is its own period (years). */
  period?: string;
  /** Published name of the source of the figures. */
  source: string;
  /** Identifier of that source in the record (anchor of its entry in the page's source list) and its short name. */
  sourceRef: { id: string; short: string };
  /** Header of the first column. */
  categoryHeader: string;
  series: { key: string; label: string }[];
  /** One row per category; null marks a figure the source announces without publishing. */
  rows: { label: string; values: (number | null)[] }[];
  /** Validator notes about these figures, for readers. */
  notes: string[];
}

type Slot = number | { aucune_donnee: true };
const valueOf = (slot: Slot | undefined): number | null => (typeof slot === 'number' ? slot : null);

function sourceName(sources: Source[], id: string): string {
  return sources.find((s) => s.id === id)?.intitule ?? id;
}

/** The short name shown beside figures: the source's own short title, else its full title. */
export function sourceRef(sources: Source[], id: string): { id: string; short: string } {
  const source = sources.find((s) => s.id === id);
  return { id, short: source?.intitule_court ?? source?.intitule ?? id };
}

function notesUnder(notes: TableNote[], pointer: string): string[] {
  return notes.filter((n) => n.pointer === pointer || n.pointer.startsWith(`${pointer}/`)).map((n) => n.message);
}

/**
 * The certification's outcome figures: insertion rates by year, newest first (the flow lists its years in
 * no particular order). A year that publishes no rate (only its counts) has no row; no rate at all, no table.
 */
export function certificationTables(record: Certification, notes: TableNote[] = []): IndicatorTable[] {
  const promotions = (record.statistiques_promotions ?? [])
    .filter((s) => s.taux_insertion_6_mois !== undefined || s.taux_insertion_2_ans !== undefined)
    .sort((a, b) => b.annee - a.annee);
  if (promotions.length === 0) return [];
  const sourceIds = [...new Set(promotions.map((s) => s.source))];
  const sources = sourceIds.map((id) => sourceName(record.sources, id));
  return [
    {
      id: 'insertion',
      title: "Taux d'insertion des diplômés",
      source: sources.join(' ; '),
      sourceRef: sourceRef(record.sources, sourceIds[0] ?? ''),
      categoryHeader: 'Promotion',
      series: [
        { key: 'taux_insertion_6_mois', label: 'Insertion à 6 mois' },
        { key: 'taux_insertion_2_ans', label: 'Insertion à 2 ans' },
      ],
      rows: promotions.map((s) => ({
        label: String(s.annee),
        values: [valueOf(s.taux_insertion_6_mois), valueOf(s.taux_insertion_2_ans)],
      })),
      notes: notesUnder(notes, '/statistiques_promotions'),
    },
  ];
}

/** "Jusqu'à 914 €", "De 915 à 1 219 €", "3 050 € et plus". */
export function salaryBracketLabel(min: number | undefined, max: number | undefined): string {
  if (min === undefined && max !== undefined) return `Jusqu'à ${formatEuros(max)}`;
  if (max === undefined && min !== undefined) return `${formatEuros(min)} et plus`;
  return `De ${formatEuros(min ?? 0)} à ${formatEuros(max ?? 0)}`;
}

/** The ROME sheet's labour-market tables: salary brackets and the three job-seekers/offers distributions. */
export function romeTables(record: FicheRome, notes: TableNote[] = []): IndicatorTable[] {
  if ('aucune_donnee' in record.marche_du_travail) return [];
  const market = record.marche_du_travail as MarcheDuTravail;
  const base = '/marche_du_travail';
  const salaries = market.salaires_offres;
  const tables: IndicatorTable[] = [
    {
      id: 'salaires',
      title: 'Répartition des offres par tranche de salaire',
      subtitle: 'Salaire mensuel brut proposé dans les offres',
      period: salaries.periode,
      source: sourceName(record.sources, salaries.source),
      sourceRef: sourceRef(record.sources, salaries.source),
      categoryHeader: 'Tranche de salaire',
      series: [{ key: 'part_offres', label: 'Part des offres' }],
      rows: salaries.tranches.map((t) => ({ label: salaryBracketLabel(t.min, t.max), values: [t.part_offres] })),
      notes: notesUnder(notes, `${base}/salaires_offres/tranches`),
    },
  ];
  const headers: Record<string, string> = {
    diplome: 'Niveau de diplôme',
    qualification: 'Niveau de qualification',
    experience: 'Expérience',
  };
  for (const [id, table] of Object.entries(market.repartitions)) {
    tables.push({
      id,
      title: table.titre,
      ...(table.titre_graphique ? { chartTitle: table.titre_graphique } : {}),
      ...(table.sous_titre ? { subtitle: table.sous_titre } : {}),
      period: table.periode,
      source: sourceName(record.sources, table.source),
      sourceRef: sourceRef(record.sources, table.source),
      categoryHeader: headers[id] ?? 'Catégorie',
      series: [
        { key: 'demandeurs_emploi', label: "Demandeurs d'emploi" },
        { key: 'offres_emploi', label: "Offres d'emploi" },
      ],
      rows: table.lignes.map((row) => ({ label: row.libelle, values: [valueOf(row.demandeurs_emploi), valueOf(row.offres_emploi)] })),
      notes: notesUnder(notes, `${base}/repartitions/${id}`),
    });
  }
  return tables;
}
