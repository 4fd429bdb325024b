/**
 * Deterministic generator of a synthetic content tree: N certifications shaped like the real records
 * of the RNCP flow (text lengths, 2–10 blocks, 1–5 ROME codes, 0–4 years of outcomes) and about 530
 * ROME sheets, a fifth of them with labour-market figures. Every file validates. Benchmark data only.
 *
 *   node --experimental-strip-types bench/generate.ts --records 1000 --out /tmp/tree [--seed 1]
 */
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { fileNameForId, KIND_INFO } from '../src/core/kinds/record-kinds.ts';
import type { RecordKind } from '../src/core/kinds/record-kinds.ts';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
const ROME_SHEETS = 530;
const SOURCE = [{ id: 'synthetique', intitule: "Données synthétiques du banc d'essai certidocs" }];

/** mulberry32: a small, well-distributed PRNG; the same seed always gives the same tree. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'analyser piloter concevoir évaluer organiser coordonner conduire accompagner mettre en œuvre projet équipe ' +
  'client service qualité sécurité réglementation budget stratégie international développement formation ' +
  'compétences entreprise collectivité partenaires outils numériques données risques ressources humaines ' +
  'communication production maintenance environnement santé commercial gestion administration juridique ' +
  'diagnostic processus amélioration continue indicateurs performance démarche responsable territoire marché'
).split(' ');

class Writer {
  readonly next: () => number;
  constructor(next: () => number) {
    this.next = next;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }
  /** French-looking text of about `length` characters (spread ±50 %), in sentences. */
  text(length: number): string {
    const target = Math.max(12, Math.round(length * (0.5 + this.next())));
    let out = '';
    while (out.length < target) {
      const words = Array.from({ length: this.int(6, 16) }, () => this.pick(WORDS)).join(' ');
      out += `${out ? ' ' : ''}${words.charAt(0).toUpperCase()}${words.slice(1)}.`;
    }
    return out;
  }
  title(): string {
    const words = Array.from({ length: this.int(2, 6) }, () => this.pick(WORDS)).join(' ');
    return `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
  }
  /** Shares in percent with two decimals that add up to 100. */
  shares(count: number): number[] {
    const weights = Array.from({ length: count }, () => this.next() + 0.05);
    const total = weights.reduce((a, b) => a + b, 0);
    const cents = weights.map((w) => Math.floor((w / total) * 10000));
    cents[0] += 10000 - cents.reduce((a, b) => a + b, 0);
    return cents.map((c) => c / 100);
  }
}

const romeCode = (i: number) => `${String.fromCharCode(65 + (i % 14))}${1101 + Math.floor(i / 14)}`;

function romeSheet(w: Writer, i: number): Record<string, unknown> {
  const withMarket = i % 5 === 0;
  const distribution = (titre: string, labels: string[]) => {
    const seekers = w.shares(labels.length);
    const offers = w.shares(labels.length);
    return {
      titre,
      periode: '2025-T1',
      source: 'synthetique',
      lignes: labels.map((libelle, k) => ({ libelle, demandeurs_emploi: seekers[k], offres_emploi: offers[k] })),
    };
  };
  const brackets = w.shares(4);
  return {
    code: romeCode(i),
    intitule: w.title(),
    libelle_source: { referentiel: 'ROME', version: '4.0', source: 'synthetique' },
    marche_du_travail: withMarket
      ? {
          edition: 2025,
          salaires_offres: {
            periode: '2025-T1',
            source: 'synthetique',
            fourchette_principale: { min: 1800, max: 3000, part_offres: brackets[1] + brackets[2] },
            tranches: [
              { max: 1499, part_offres: brackets[0] },
              { min: 1500, max: 2199, part_offres: brackets[1] },
              { min: 2200, max: 2999, part_offres: brackets[2] },
              { min: 3000, part_offres: brackets[3] },
            ],
          },
          demandeurs_emploi: { valeur: w.int(100, 50000), periode: '2025-T1', source: 'synthetique' },
          offres_emploi: { valeur: w.int(50, 20000), periode: '2025-T1', source: 'synthetique' },
          embauches: { valeur: w.int(10, 9000), periode: '2025-T1', source: 'synthetique' },
          taux_acces_emploi: { valeur: w.int(500, 6000) / 100, periode: '2024-T2', source: 'synthetique' },
          difficulte_recrutement: { valeur: { aucune_donnee: true }, periode: '2024', source: 'synthetique' },
          repartitions: {
            diplome: distribution('Par niveau de diplôme', ['CAP-BEP', 'Bac', 'Bac + 2', 'Bac + 3 et plus']),
            qualification: distribution('Par niveau de qualification', ['Employés', 'Agents de maîtrise', 'Cadres']),
            experience: distribution("Par niveau d'expérience", ["Moins d'un an", '1 à 4 ans', '4 ans et plus']),
          },
        }
      : { aucune_donnee: true },
    sources: SOURCE,
  };
}

function certification(w: Writer, i: number): Record<string, unknown> {
  const numero = `RNCP${10000 + i}`;
  const start = 2019 + (i % 7);
  const month = String(1 + (i % 12)).padStart(2, '0');
  const endDay = new Date(Date.UTC(start + 5, Number(month) - 1, 1) - 86400000).toISOString().slice(0, 10);
  const codes = new Set<string>();
  const wanted = w.int(1, 5);
  while (codes.size < wanted) codes.add(romeCode(w.int(0, ROME_SHEETS - 1)));
  const years = w.int(0, 4);
  return {
    numero_fiche: numero,
    intitule: w.title(),
    niveau: { code: w.pick(['NIV3', 'NIV4', 'NIV5', 'NIV6', 'NIV7']), source: 'synthetique' },
    enregistrement: { date_effet: `${start}-${month}-01`, date_fin: endDay, duree_annees: 5, source: 'synthetique' },
    ...(w.next() < 0.6 ? { prerequis: { entree_formation: w.text(133) } } : {}),
    objectifs: w.text(1066),
    activites_visees: w.text(1837),
    capacites_attestees: w.text(1641),
    debouches: {
      types_emploi: { intitules: Array.from({ length: w.int(1, 8) }, () => w.title()) },
      secteurs: { liste: Array.from({ length: w.int(1, 6) }, () => w.text(80)) },
    },
    blocs: Array.from({ length: w.int(2, 10) }, (_, k) => ({
      numero: k + 1,
      code: `${numero}BC${String(k + 1).padStart(2, '0')}`,
      intitule: w.text(59),
      optionnel: w.next() < 0.1,
      competences: w.text(1026),
      modalites_evaluation: w.text(300),
    })),
    codes_rome: [...codes],
    voies_acces: {
      formation_initiale: w.next() < 0.7,
      apprentissage: w.next() < 0.6,
      formation_continue: w.next() < 0.8,
      contrat_professionnalisation: w.next() < 0.5,
      candidature_individuelle: w.next() < 0.4,
      vae: w.next() < 0.9,
    },
    statistiques_promotions: Array.from({ length: years }, (_, k) => ({
      annee: 2023 - k,
      taux_insertion_6_mois: w.int(40, 100),
      taux_insertion_2_ans: w.next() < 0.2 ? { aucune_donnee: true } : w.int(40, 100),
      source: 'synthetique',
    })),
    sources: SOURCE,
  };
}

/** Writes one record where its kind's descriptor puts it, named after its id, with its schema's modeline. */
function writeRecord(out: string, kind: RecordKind, data: Record<string, unknown>): void {
  const info = KIND_INFO[kind];
  const folder = join(out, 'content', info.folder);
  mkdirSync(folder, { recursive: true });
  const text = `# yaml-language-server: $schema=../../schemas/${info.schemaFile}\n${stringify(data, { lineWidth: 0 })}`;
  writeFileSync(join(folder, fileNameForId(String(data[info.idField]))), text);
}

/** Writes <out>/schemas (the project's) and <out>/content with `records` certifications and the ROME sheets. */
export function generateTree(out: string, records: number, seed = 1): void {
  const w = new Writer(random(seed));
  rmSync(join(out, 'content'), { recursive: true, force: true });
  cpSync(join(PROJECT_ROOT, 'schemas'), join(out, 'schemas'), { recursive: true });
  for (let i = 0; i < ROME_SHEETS; i++) writeRecord(out, 'rome', romeSheet(w, i));
  for (let i = 0; i < records; i++) writeRecord(out, 'certification', certification(w, i));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { records: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' } } });
  if (!values.records || !values.out) {
    console.error('usage: bench/generate.ts --records N --out DIR [--seed S]');
    process.exit(2);
  }
  generateTree(values.out, Number(values.records), Number(values.seed ?? 1));
  console.log(`${values.records} certifications and ${ROME_SHEETS} ROME sheets written to ${values.out}/content`);
}
