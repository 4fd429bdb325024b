/**
 * Deterministic generator of France Compétences' open-data flow (XML v4.1): N RNCP records and M RS records,
 * written as the two official files (export_fiches_RNCP_V4_1_<date>.xml, export_fiches_RS_V4_1_<date>.xml),
 * element names, nesting and order copied from the real samples (/work/shared/reference, also
 * data/flux/). Records are written one at a time and flushed to disk in chunks of about 1 MB:
 * memory stays bounded whatever N. Each record depends only on (seed, kind, index), so record i is the same
 * whatever N (except lineage and correspondences, which only point at records that exist). Benchmark data only.
 *
 *   node --experimental-strip-types bench/flow-xml.ts --rncp 25638 --rs 4837 --out DIR [--seed 1] [--date 2026-08-16]
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** The export date the files are named after. */
export const FLOW_DATE = '2026-08-16';
/** The registry's size: the full exports hold 25,638 RNCP and 4,837 RS records. */
export const REGISTRY = { rncp: 25638, rs: 4837 } as const;
/** First RNCP number (RNCP10000) and first RS number. */
export const RNCP_BASE = 10000;
export const RS_BASE = 1000;

export type FlowKind = 'RNCP' | 'RS';

/** The official file name of an export: export_fiches_RNCP_V4_1_2026-08-16.xml. */
export function exportFileName(kind: FlowKind, date = FLOW_DATE): string {
  return `export_fiches_${kind}_V4_1_${date}.xml`;
}

// ---------------------------------------------------------------------------------------------------------
// Randomness: one stream per record, seeded from (seed, purpose, index).

const PURPOSE = { rncp: 1, rs: 2, blocks: 3 } as const;

/** mulberry32: a small, well-distributed PRNG; the same seed always gives the same numbers. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mix(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
  }
  return h >>> 0;
}

class Rand {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = random(seed);
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  /** Index drawn from integer weights. */
  weighted(weights: readonly number[]): number {
    const total = weights.reduce((a, b) => a + b, 0);
    let x = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) return i;
    }
    return weights.length - 1;
  }
  /** Log-normal size: half the values below `median`, a long tail above, clamped to [min, max]. */
  size(median: number, sigma: number, min: number, max: number): number {
    const u = Math.max(this.next(), 1e-12);
    const gauss = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
    return Math.round(Math.min(max, Math.max(min, median * Math.exp(sigma * gauss))));
  }
  /** `count` distinct indices below `limit`, in drawing order. */
  distinct(count: number, limit: number): number[] {
    const seen = new Set<number>();
    while (seen.size < Math.min(count, limit)) seen.add(Math.floor(this.next() * limit));
    return [...seen];
  }
}

// ---------------------------------------------------------------------------------------------------------
// Fixed pools (the same whatever the seed): a code always carries the same label, an organisation always
// the same SIRET, as in the real flow.

const ROME_DOMAINS: [string, string[]][] = [
  ['A', ['Agriculture', 'Élevage', 'Sylviculture', 'Aménagement paysager', 'Pêche', 'Viticulture', 'Horticulture', 'Soins aux animaux']],
  ['B', ['Arts plastiques', 'Artisanat d’art', 'Décoration', 'Céramique', 'Verrerie', 'Ébénisterie', 'Bijouterie', 'Reliure']],
  [
    'C',
    ['Banque', 'Assurances', 'Immobilier', 'Crédit', 'Gestion de patrimoine', 'Conseil financier', 'Transactions', 'Syndic de copropriété'],
  ],
  ['D', ['Commerce', 'Vente', 'Grande distribution', 'Boulangerie', 'Boucherie', 'Poissonnerie', 'Fleuristerie', 'Relation client']],
  ['E', ['Communication', 'Journalisme', 'Édition', 'Imprimerie', 'Multimédia', 'Publicité', 'Photographie', 'Graphisme']],
  [
    'F',
    ['Bâtiment', 'Travaux publics', 'Maçonnerie', 'Électricité du bâtiment', 'Plomberie', 'Menuiserie', 'Travaux du BTP', 'Études BTP'],
  ],
  ['G', ['Hôtellerie', 'Restauration', 'Tourisme', 'Animation', 'Cuisine', 'Service en salle', 'Réception', 'Loisirs']],
  ['H', ['Industrie', 'Mécanique', 'Chimie', 'Plasturgie', 'Textile', 'Agroalimentaire', 'Métallurgie', 'Qualité industrielle']],
  [
    'I',
    [
      'Maintenance',
      'Installation',
      'Réparation automobile',
      'Aéronautique',
      'Froid et climatisation',
      'Électronique',
      'Ascenseurs',
      'Engins',
    ],
  ],
  ['J', ['Santé', 'Soins infirmiers', 'Pharmacie', 'Rééducation', 'Soins d’hygiène', 'Médecine', 'Analyses médicales', 'Diététique']],
  ['K', ['Services à la personne', 'Action sociale', 'Enseignement', 'Formation', 'Sécurité', 'Propreté', 'Défense', 'Droit']],
  ['L', ['Spectacle', 'Éclairage spectacle', 'Son', 'Régie', 'Costume', 'Danse', 'Musique', 'Audiovisuel']],
  [
    'M',
    [
      'Gestion administrative',
      'Ressources humaines',
      'Comptabilité',
      'Informatique',
      'Achats',
      'Marketing',
      'Direction d’entreprise',
      'Secrétariat',
    ],
  ],
  [
    'N',
    [
      'Transport routier',
      'Logistique',
      'Magasinage',
      'Transport aérien',
      'Transport maritime',
      'Transport ferroviaire',
      'Conduite de véhicules',
      'Manutention',
    ],
  ],
];
const ROME_ACTIVITIES = [
  'Conduite',
  'Direction',
  'Assistance technique',
  'Conseil',
  'Encadrement',
  'Études et développement',
  'Production',
  'Exploitation',
  'Vente',
  'Intervention',
];

export interface CodeLabel {
  code: string;
  label: string;
}

/** 530 ROME codes (`^[A-Z][0-9]{4}$`: 14 domains, 4 sub-domains 11–14, 8 to 10 sheets each) with their labels. */
export const ROME_POOL: readonly CodeLabel[] = (() => {
  const pool: CodeLabel[] = [];
  for (const [letter, themes] of ROME_DOMAINS) {
    for (let sub = 11; sub <= 14; sub++) {
      for (let n = 1; n <= (sub === 14 ? 8 : 10); n++) {
        const theme = themes[((sub - 11) * 2 + (n > 5 ? 1 : 0)) % themes.length];
        const activity = ROME_ACTIVITIES[(n - 1 + sub) % ROME_ACTIVITIES.length];
        const label =
          n === 1 ? theme : `${activity} en ${/^[A-ZÉ]{2}/.test(theme) ? theme : theme.charAt(0).toLowerCase() + theme.slice(1)}`;
        pool.push({ code: `${letter}${sub}${String(n).padStart(2, '0')}`, label });
      }
    }
  }
  return pool.slice(0, 530);
})();

const FORMACODE_THEMES = [
  'Commerce international',
  'Gestion des organisations',
  'Management situationnel',
  'Gestion commerciale achats',
  'Gestion financière comptabilité',
  'Bâtiment second oeuvre',
  'Art spectacle',
  'Technique spectacle',
  'Didactique langue',
  'Anglais',
  'Formation enseignant',
  'Méthode pédagogique',
  'Sécurité informatique',
  'Développement web',
  'Ressources humaines',
  'Logistique',
  'Soins infirmiers',
  'Aide à domicile',
  'Cuisine',
  'Hôtellerie',
  'Maintenance industrielle',
  'Électricité',
  'Mécanique automobile',
  'Transport routier',
  'Communication',
  'Marketing',
  'Immobilier',
  'Assurance',
  'Banque',
  'Agriculture',
  'Paysage',
  'Santé animale',
];
const QUALIFIERS = ['', ' approfondissement', ' initiation', ' perfectionnement', ' réglementation', ' management', ' numérique'];

/** 224 Formacodes: five digits, one label each. */
export const FORMACODE_POOL: readonly CodeLabel[] = (() => {
  const r = new Rand(0x464f524d);
  const codes = new Set<number>();
  while (codes.size < FORMACODE_THEMES.length * QUALIFIERS.length) codes.add(r.int(11000, 46999));
  return [...codes].map((code, i) => ({
    code: String(code),
    label: `${FORMACODE_THEMES[i % FORMACODE_THEMES.length]}${QUALIFIERS[Math.floor(i / FORMACODE_THEMES.length)]}`,
  }));
})();

const NSF_LABELS = [
  'Spécialités plurivalentes des échanges et de la gestion',
  'Finances, banque, assurances, immobilier',
  'Bâtiment : finitions',
  'Techniques de l’image et du son, métiers connexes du spectacle',
  'Musique, arts du spectacle',
  'Langues vivantes, civilisations étrangères et régionales',
  'Enseignement, formation',
  'Informatique, traitement de l’information, réseaux de transmission',
  'Santé',
  'Travail social',
  'Transport, manutention, magasinage',
  'Commerce, vente',
  'Accueil, hôtellerie, tourisme',
  'Agro-alimentaire, alimentation, cuisine',
  'Mécanique, électricité, électronique',
  'Ressources humaines, gestion du personnel, gestion de l’emploi',
];

/** 120 NSF codes: three digits, a letter for three in four (`^[0-9]{3}[a-z]?$`). */
export const NSF_POOL: readonly CodeLabel[] = (() => {
  const r = new Rand(0x4e5346);
  const codes = new Set<string>();
  while (codes.size < 120) codes.add(`${r.int(100, 346)}${r.chance(0.75) ? r.pick([...'fghmnprstuvw']) : ''}`);
  return [...codes].map((code, i) => ({
    code,
    label: `${NSF_LABELS[i % NSF_LABELS.length]}${i >= NSF_LABELS.length ? ` (${r.pick(['organisation', 'gestion', 'études', 'production', 'conception'])})` : ''}`,
  }));
})();

const CITIES = (
  'PARIS LYON MARSEILLE TOULOUSE NICE NANTES STRASBOURG MONTPELLIER BORDEAUX LILLE RENNES REIMS TOULON GRENOBLE DIJON ANGERS NIMES ' +
  'CLERMONT-FERRAND LE-MANS AIX-EN-PROVENCE BREST TOURS AMIENS LIMOGES ANNECY PERPIGNAN METZ BESANCON ORLEANS ROUEN MULHOUSE CAEN NANCY ' +
  'ARGENTEUIL SAINT-DENIS ROUBAIX TOURCOING AVIGNON POITIERS PAU LA-ROCHELLE CALAIS CANNES BEZIERS COLMAR BOURGES QUIMPER VALENCE TROYES ' +
  'LORIENT NIORT CHAMBERY LAVAL BAYONNE SAINT-MALO CHARTRES EVREUX BELFORT ALBI'
)
  .split(' ')
  .map((c) => c.replace(/-/g, ' '));
const SURNAMES = (
  'MARTIN BERNARD DUBOIS THOMAS ROBERT RICHARD PETIT DURAND LEROY MOREAU SIMON LAURENT LEFEBVRE MICHEL GARCIA DAVID BERTRAND ROUX ' +
  'VINCENT FOURNIER MOREL GIRARD ANDRE MERCIER DUPONT LAMBERT BONNET FRANCOIS MARTINEZ LEGRAND GARNIER FAURE ROUSSEAU BLANC GUERIN ' +
  'MULLER HENRY ROUSSEL NICOLAS PERRIN MORIN MATHIEU CLEMENT GAUTHIER DUMONT LOPEZ FONTAINE CHEVALIER ROBIN MASSON SANCHEZ'
).split(' ');
const SECTORS = [
  'COMMERCE',
  'MANAGEMENT',
  'INFORMATIQUE',
  'SANTE',
  'BATIMENT',
  'LOGISTIQUE',
  'HOTELLERIE',
  'LANGUES',
  'NUMERIQUE',
  'INDUSTRIE',
  'ARTS',
  'SECURITE',
];

/** "DE LYON", "D'EVREUX". */
const de = (place: string) => (/^[AEIOUY]/.test(place) ? `D'${place}` : `DE ${place}`);

export interface Organisation {
  siret: string;
  name: string;
}

/** Appends the Luhn check digit, as real SIRET numbers have (14 digits). */
export function luhnComplete(payload: string): string {
  let sum = 0;
  for (let k = 0; k < payload.length; k++) {
    let d = Number(payload[payload.length - 1 - k]);
    if (k % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return payload + String((10 - (sum % 10)) % 10);
}

function organisations(seed: number, count: number, name: (r: Rand, i: number) => string): Organisation[] {
  const r = new Rand(seed);
  const sirets = new Set<string>();
  const out: Organisation[] = [];
  for (let i = 0; i < count; i++) {
    let siret: string;
    do siret = luhnComplete(Array.from({ length: 13 }, (_, k) => (k === 0 ? r.int(1, 9) : r.int(0, 9))).join(''));
    while (sirets.has(siret));
    sirets.add(siret);
    out.push({ siret, name: name(r, i) });
  }
  return out;
}

const MINISTRIES = [
  'MINISTERE DU TRAVAIL DU PLEIN EMPLOI ET DE L’INSERTION',
  "MINISTERE DE L'ENSEIGNEMENT SUPERIEUR ET DE LA RECHERCHE",
  "MINISTERE DE L'EDUCATION NATIONALE ET DE LA JEUNESSE",
  "MINISTERE DE L'AGRICULTURE ET DE LA SOUVERAINETE ALIMENTAIRE",
  'MINISTERE DES SPORTS ET DES JEUX OLYMPIQUES ET PARALYMPIQUES',
  'MINISTERE DES SOLIDARITES ET DE LA SANTE',
  'CCI FRANCE',
  'CONSERVATOIRE NATIONAL DES ARTS ET METIERS (CNAM)',
];

/** Certifying bodies: the ministries first (most records cite one), then schools and companies. */
export const CERTIFIER_POOL: readonly Organisation[] = organisations(0x43455254, 420, (r, i) =>
  i < MINISTRIES.length
    ? MINISTRIES[i]
    : r.pick([
        () => `ECOLE SUPERIEURE DE ${r.pick(SECTORS)} ${de(r.pick(CITIES))}`,
        () => `INSTITUT ${r.pick(SURNAMES)} ${r.pick(SECTORS)}`,
        () => `${r.pick(SURNAMES)} & ${r.pick(SURNAMES)} FORMATION`,
        () => `ETABLISSEMENT D'ENSEIGNEMENT SUPERIEUR CONSULAIRE ${r.pick(CITIES)}`,
        () => `UNIVERSITE ${de(r.pick(CITIES))}`,
        () => `${r.pick(SECTORS)} ACADEMY ${r.pick(CITIES)}`,
      ])(),
);

/** Partner organisations (training centres the certifier has approved). */
export const PARTNER_POOL: readonly Organisation[] = organisations(0x50415254, 8000, (r) =>
  r.pick([
    () => `CFA ${r.pick(SECTORS)} ${r.pick(CITIES)}`,
    () => `LYCEE PROFESSIONNEL ${r.pick(SURNAMES)}`,
    () => `GRETA ${r.pick(CITIES)}`,
    () => `${r.pick(SURNAMES)} FORMATION`,
    () => `${r.pick(SURNAMES)} & ASSOCIES`,
    () => `ASS REGIONAL INTERPRO APPRENTI ${r.pick(CITIES)}`,
    () => `CENTRE DE FORMATION PROFESSIONNELLE ET DE PROMOTION AGRICOLE ${de(r.pick(CITIES))}`,
    () => `${r.pick(SECTORS)} CAMPUS ${r.pick(CITIES)}`,
    () =>
      `INSTITUT DE FORMATION ${r.pick(SECTORS)} ${de(r.pick(['ALSACE', 'AUVERGNE', 'ILE DE FRANCE', 'OCCITANIE', 'ANJOU', 'BRETAGNE']))}`,
  ])(),
);

// ---------------------------------------------------------------------------------------------------------
// Text: French-looking sentences built from phrases, with the flow's dirt: line breaks flattened to runs of
// spaces, "-" and "*" bullets, numbered items, and a few &, < and > to escape.

const VERBS = (
  'Analyser|Piloter|Concevoir|Évaluer|Organiser|Coordonner|Conduire|Accompagner|Mettre en œuvre|Élaborer|Contrôler|Animer|Gérer|' +
  'Planifier|Réaliser|Rédiger|Identifier|Assurer|Développer|Superviser|Mobiliser|Sécuriser|Négocier|Former|Diagnostiquer|Optimiser|' +
  'Préparer|Suivre|Définir|Proposer|Encadrer|Valider|Mesurer|Communiquer sur|Installer|Entretenir|Vérifier|Adapter|Conseiller sur|Formaliser'
).split('|');
const OBJECTS = (
  'les besoins du client|un projet de service|l’activité de l’équipe|les ressources humaines|le budget prévisionnel|la démarche qualité|' +
  'les risques professionnels|un plan d’action|les données de production|la relation avec les partenaires|les outils numériques|' +
  'une étude de marché|la stratégie commerciale|les procédures de sécurité|le dossier technique|les indicateurs de performance|' +
  'une intervention de maintenance|la communication interne|les obligations réglementaires|le parcours de l’usager|' +
  'les achats et les approvisionnements|la chaîne logistique|un chantier de second œuvre|la veille technologique|les stocks|' +
  'un espace de vente|la politique environnementale|le système d’information|les contrats de travail|la facturation|' +
  'une séquence pédagogique|les soins d’hygiène et de confort|le plan de formation|la gestion de crise|un réseau informatique|' +
  'les relations presse|le cahier des charges|les tableaux de bord|la conformité des installations|l’accueil du public'
).split('|');
const COMPLEMENTS = (
  'dans le respect de la réglementation|en lien avec la direction|auprès des publics accueillis|à l’échelle du territoire|' +
  'selon les normes en vigueur|en tenant compte des contraintes économiques|au sein d’une équipe pluridisciplinaire|' +
  'en situation de travail réelle|dans un contexte international|en autonomie|avec les outils adaptés|' +
  'pour améliorer la performance de la structure|dans une démarche de développement durable|à partir d’un cahier des charges|' +
  'dans le cadre d’une démarche R&D|pour une entreprise de plus de 50 salariés (effectif > 50)|avec un taux d’erreur < 5 %|' +
  'en français et en anglais|selon la méthode « Plan & Do »|en respectant les délais fixés|à l’aide d’un logiciel de gestion'
).split('|');
const CONNECTORS = [
  'Le titulaire est capable de',
  'Il ou elle doit',
  'La certification atteste la capacité à',
  'Le candidat sait',
  'Il s’agit de',
];

/** A short action phrase: "Analyser les besoins du client dans le respect de la réglementation". */
function phrase(r: Rand): string {
  return `${r.pick(VERBS)} ${r.pick(OBJECTS)}${r.chance(0.55) ? ` ${r.pick(COMPLEMENTS)}` : ''}`;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
/** A flattened line break: a run of 2 to 10 spaces (even lengths are the most common, as in the real flow). */
const gap = (r: Rand) => ' '.repeat(r.pick([2, 4, 4, 6, 6, 6, 8, 8, 8, 8, 10, 3, 5]));

/** Text of about `length` characters, in paragraphs of prose, "-" bullets, "*" bullets or numbered items. */
function text(r: Rand, length: number): string {
  const paragraphs: string[] = [];
  let size = 0;
  while (size < length) {
    const style = r.weighted([60, 20, 12, 8]);
    // Items are added while the text is shorter than asked, so a short text stays short.
    const items = (most: number, item: (k: number) => string) => {
      const out: string[] = [];
      for (let k = 0; k < most && (k === 0 || size < length); k++) {
        const next = item(k);
        out.push(next);
        size += next.length + 2;
      }
      return out;
    };
    let paragraph: string;
    if (style === 0) {
      paragraph = items(r.int(1, 4), () =>
        r.chance(0.3) ? `${r.pick(CONNECTORS)} ${lowerFirst(phrase(r))}.` : `${phrase(r)}, ${lowerFirst(phrase(r))}.`,
      ).join(' ');
    } else if (style === 1) {
      paragraph = items(r.int(3, 9), () => `- ${phrase(r)}`).join('  ');
    } else if (style === 2) {
      const sep = gap(r);
      const intro = `${phrase(r)} :`;
      size += intro.length;
      paragraph = `${intro}${sep}${items(r.int(2, 7), () => `* ${phrase(r)}`).join(sep)}`;
    } else {
      paragraph = items(r.int(2, 6), (k) => `${k + 1} : ${phrase(r)}.`).join(gap(r));
    }
    paragraphs.push(paragraph);
    size += 6;
  }
  return paragraphs.join(gap(r));
}

// ---------------------------------------------------------------------------------------------------------
// Dates: day numbers since 1970-01-01 (UTC), written JJ/MM/AAAA.

const DAY = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const addYears = (day: number, years: number) => {
  const d = new Date(day * DAY);
  return Date.UTC(d.getUTCFullYear() + years, d.getUTCMonth(), d.getUTCDate()) / DAY;
};
const frDate = (day: number) => {
  const d = new Date(day * DAY);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
};
const yearOf = (day: number) => new Date(day * DAY).getUTCFullYear();
const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const longDate = (day: number) => {
  const d = new Date(day * DAY);
  return `${d.getUTCDate() === 1 ? '1er' : d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
};

// ---------------------------------------------------------------------------------------------------------
// XML writing: one record at a time into a list of strings, flushed to the file past ~1 MB.

/** Escapes text for element content: &, < and > (quotes need no escaping outside attributes). */
export function escapeXml(value: string): string {
  return value.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

const INDENT = Array.from({ length: 8 }, (_, k) => '  '.repeat(k));
const FLUSH_AT = 1 << 20;

class FlowFile {
  private readonly fd: number;
  private parts: string[] = [];
  private pending = 0;
  private depth = 0;
  bytes = 0;
  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }
  private push(s: string) {
    this.parts.push(s);
    this.pending += s.length;
  }
  open(name: string) {
    this.push(`${INDENT[this.depth]}<${name}>\n`);
    this.depth++;
  }
  close(name: string) {
    this.depth--;
    this.push(`${INDENT[this.depth]}</${name}>\n`);
  }
  leaf(name: string, value: string | number) {
    this.push(`${INDENT[this.depth]}<${name}>${typeof value === 'number' ? value : escapeXml(value)}</${name}>\n`);
  }
  /** An element holding one element per item. */
  list<T>(outer: string, inner: string, items: readonly T[], write: (item: T) => void) {
    if (items.length === 0) return;
    this.open(outer);
    for (const item of items) {
      this.open(inner);
      write(item);
      this.close(inner);
    }
    this.close(outer);
  }
  raw(s: string) {
    this.push(s);
  }
  /** One level deeper without an element: inside the root written by raw(). */
  enter() {
    this.depth++;
  }
  /** Writes what is pending if it is large enough (or always, at the end). */
  flush(force = false) {
    if (this.pending < FLUSH_AT && !force) return;
    if (this.parts.length > 0) this.bytes += writeSync(this.fd, this.parts.join(''));
    this.parts = [];
    this.pending = 0;
  }
  end() {
    this.flush(true);
    closeSync(this.fd);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Records.

const EXPORT_DAY = dayOf(FLOW_DATE);
const ouiNon = (b: boolean) => (b ? 'Oui' : 'Non');

/** Blocks per RNCP record, 1 to 12 (most 2–5), drawn apart from the record so correspondences can cite them. */
const BLOCK_WEIGHTS = [6, 13, 20, 22, 14, 9, 6, 4, 2, 2, 1, 1];
function blockCount(seed: number, index: number): number {
  return 1 + new Rand(mix(seed, PURPOSE.blocks, index)).weighted(BLOCK_WEIGHTS);
}

/**
 * Lineage pairs inside the export: RNCP record i (i % 13 = 4) is replaced by record i + 1, RS record i (i % 11 = 1)
 * by i + 2; each side names the other (NOUVELLES_/ANCIENNES_CERTIFICATIONS).
 */
const LINEAGE = { RNCP: { every: 13, at: 4, step: 1 }, RS: { every: 11, at: 1, step: 2 } } as const;
function lineage(kind: FlowKind, index: number, count: number): { newer: number | undefined; older: number | undefined } {
  const { every, at, step } = LINEAGE[kind];
  const newer = index % every === at && index + step < count ? index + step : undefined;
  const older = index >= step && (index - step) % every === at ? index - step : undefined;
  return { newer, older };
}

interface Context {
  seed: number;
  count: number;
}

function writeCertifiers(x: FlowFile, r: Rand, decision: number, kind: FlowKind) {
  const count = r.weighted(kind === 'RNCP' ? [0, 60, 30, 10] : [0, 90, 10]);
  const picks = new Set<number>();
  while (picks.size < count) picks.add(r.chance(0.35) ? r.int(0, MINISTRIES.length - 1) : r.int(0, CERTIFIER_POOL.length - 1));
  x.list('CERTIFICATEURS', 'CERTIFICATEUR', [...picks], (k) => {
    const org = CERTIFIER_POOL[k];
    if (!r.chance(0.03)) x.leaf('SIRET_CERTIFICATEUR', org.siret);
    x.leaf('NOM_CERTIFICATEUR', org.name);
    x.leaf('ETAT_CERTIFICATEUR', r.chance(0.95) ? 'Actif' : 'Inactif');
    if (r.chance(kind === 'RNCP' ? 0.75 : 0.1)) x.leaf('DATE_DERNIERE_MODIFICATION_ETAT', frDate(r.int(decision, EXPORT_DAY)));
  });
}

/** Partners: absent from about half the RNCP records; otherwise a heavy tail, up to 900 (sorted by name). */
function writePartners(x: FlowFile, r: Rand, decision: number, kind: FlowKind) {
  const has = r.chance(kind === 'RNCP' ? 0.45 : 0.85);
  x.leaf('EXISTENCE_PARTENAIRES', ouiNon(has));
  if (!has) return;
  // Lomax (Pareto II): median ≈ 3, mean ≈ 14 (RNCP) / 7 (RS) before the cap.
  const scale = kind === 'RNCP' ? 3 : 2.5;
  const alpha = kind === 'RNCP' ? 1.05 : 1.35;
  const count = Math.min(900, 1 + Math.floor(scale * (Math.pow(1 - r.next(), -1 / alpha) - 1)));
  const partners = r.distinct(count, PARTNER_POOL.length).map((k) => PARTNER_POOL[k]);
  partners.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.siret < b.siret ? -1 : 1));
  const habilitation = r.chance(0.05) ? 'HABILITATION_FORMER' : 'HABILITATION_ORGA_FORM';
  const batch = r.int(decision, EXPORT_DAY);
  x.list('PARTENAIRES', 'PARTENAIRE', partners, (p) => {
    const changed = r.chance(0.7) ? batch : r.int(decision, EXPORT_DAY);
    x.leaf('NOM_PARTENAIRE', p.name);
    x.leaf('SIRET_PARTENAIRE', p.siret);
    x.leaf('HABILITATION_PARTENAIRE', r.chance(0.97) ? habilitation : 'HABILITATION_FORMER');
    x.leaf('ETAT_HABILITATION', 'Actif');
    if (r.chance(kind === 'RNCP' ? 0.05 : 0.65)) x.leaf('DATE_ACTIF', frDate(changed));
    if (r.chance(0.95)) x.leaf('DATE_DERNIERE_MODIFICATION_ETAT', frDate(changed));
  });
}

/** SI_JURY_* elements: open or not; an open route usually states its jury, often the same text for all. */
function writeJuries(x: FlowFile, r: Rand, routes: readonly string[], withDates: boolean, decision: number) {
  const shared = text(r, r.size(200, 0.5, 60, 1200));
  for (const route of routes) {
    const open = r.chance(route === 'SI_JURY_VAE' ? 0.85 : 0.65);
    x.open(route);
    if (withDates && route !== 'SI_JURY_CL' && route !== 'SI_JURY_VAE' && r.chance(0.3)) {
      x.leaf('DATE_DERNIERE_MODIFICATION', frDate(r.int(decision, EXPORT_DAY)));
    }
    x.leaf('ACTIF', ouiNon(open));
    if (open && r.chance(0.85)) x.leaf('COMPOSITION', r.chance(0.6) ? shared : text(r, r.size(180, 0.5, 50, 1000)));
    x.close(route);
  }
}

function writeCodes(x: FlowFile, r: Rand, kind: FlowKind) {
  x.list('FORMACODES', 'FORMACODE', r.distinct(r.int(1, 5), FORMACODE_POOL.length), (k) => {
    x.leaf('CODE', FORMACODE_POOL[k].code);
    x.leaf('LIBELLE', FORMACODE_POOL[k].label);
  });
  if (kind === 'RNCP') {
    x.open('NOMENCLATURE_EUROPE');
    const level = r.pick([3, 4, 5, 5, 6, 6, 6, 7, 7, 8]);
    x.leaf('NIVEAU', `NIV${level}`);
    x.leaf('LIBELLE', `Niveau ${level}`);
    x.close('NOMENCLATURE_EUROPE');
  }
  x.list('CODES_NSF', 'NSF', r.distinct(r.weighted([0, 55, 30, 15]), NSF_POOL.length), (k) => {
    x.leaf('CODE', NSF_POOL[k].code);
    x.leaf('LIBELLE', NSF_POOL[k].label);
  });
}

/** LIEN_URL_DESCRIPTION: one address mostly; sometimes several separated by runs of spaces, rarely one that is not an address. */
function descriptionLinks(r: Rand, numero: string): string {
  const host = `www.${r.pick(SURNAMES).toLowerCase()}-${r.pick(SECTORS).toLowerCase()}.fr`;
  const count = r.weighted([82, 12, 4, 2]) + 1;
  const links = Array.from({ length: count }, (_, k) =>
    k === 0
      ? `https://${host}/formations/${numero.toLowerCase()}`
      : `https://${r.pick(CITIES).toLowerCase().replace(/ /g, '-')}-formation.fr/certification-${k}`,
  );
  if (r.chance(0.04)) links.push(r.pick([host, 'Voir le site du certificateur', `${host}/contact`]));
  return links.join(r.pick(['    ', '    ', '  ', '      ']));
}

function writeStatistics(x: FlowFile, r: Rand, decision: number, kind: FlowKind) {
  if (!r.chance(kind === 'RNCP' ? 0.8 : 0.3)) return;
  const last = Math.min(2024, yearOf(decision) + 1);
  const years = r.distinct(r.int(1, 4), 7).map((k) => last - k);
  if (r.chance(0.6)) years.sort((a, b) => b - a);
  x.list('STATISTIQUES_PROMOTIONS', 'STATISTIQUES_PROMOTION', years, (year) => {
    const certified = Math.round(Math.exp(r.next() * 8));
    x.leaf('ANNEE', year);
    x.leaf('NOMBRE_CERTIFIES', certified);
    if (kind === 'RS') return;
    if (r.chance(0.85)) x.leaf('NOMBRE_CERTIFIES_VAE', r.int(0, Math.floor(certified / 4)));
    if (r.chance(0.85)) x.leaf('TAUX_INSERTION_GLOBAL_6MOIS', r.int(30, 100));
    if (r.chance(0.7)) x.leaf('TAUX_INSERTION_METIER_2ANS', r.int(20, 100));
  });
}

function writeLineage(x: FlowFile, r: Rand, kind: FlowKind, index: number, count: number) {
  const base = kind === 'RNCP' ? RNCP_BASE : RS_BASE;
  const { newer, older } = lineage(kind, index, count);
  if (newer !== undefined) {
    x.list('NOUVELLES_CERTIFICATIONS', 'NOUVELLE_CERTIFICATION', [newer], (k) =>
      x.leaf('ID_FICHE_NOUVELLE_CERTIFICATION', `${kind}${base + k}`),
    );
  }
  // Older numbers, below the generated range (records no longer in the export), for a share of the records.
  const outside = r.chance(kind === 'RNCP' ? 0.35 : 0.5) ? [`${kind}${r.int(100, base - 1)}`] : [];
  const olderNumbers = [...(older === undefined ? [] : [`${kind}${base + older}`]), ...outside];
  x.list('ANCIENNES_CERTIFICATIONS', 'ANCIENNE_CERTIFICATION', olderNumbers, (n) => x.leaf('ID_FICHE_ANCIENNE_CERTIFICATION', n));
}

function title(r: Rand, kind: FlowKind): string {
  if (kind === 'RS')
    return `${phrase(r).slice(0, 90)}${r.chance(0.3) ? ` (${r.pick(['TOSA', 'CELTA', 'PCIE', 'CACES', 'SST', 'HACCP'])})` : ''}`;
  const [, themes] = r.pick(ROME_DOMAINS);
  const prefix = r.pick(['Titre professionnel', 'Responsable', 'Manager', 'Technicien supérieur', 'Chargé de projet', 'Expert', 'Diplôme']);
  return `${prefix} ${r.pick(['en', 'de la filière', '–'])} ${lowerFirst(r.pick(themes))}${r.chance(0.3) ? `, option ${lowerFirst(r.pick(themes))}` : ''}`;
}

const ABREGES: [string, string][] = [
  ['TP', 'Titre professionnel'],
  ['BTS', 'Brevet de technicien supérieur'],
  ['DipViGrM', 'Diplôme visé grade de master'],
  ['Grade_Master', 'Diplôme conférant le grade de Master'],
  ['CAP', "Certificat d'aptitude professionnelle"],
  ['BP', 'Brevet professionnel'],
  ['LP', 'Licence Professionnelle'],
  ['CQP', 'Certificat de qualification professionnelle'],
  ['TI', "Titre d'ingénieur"],
];

function writePublications(x: FlowFile, r: Rand, decision: number, name: string) {
  for (const [element, p] of [
    ['PUBLICATION_DECRET_GENERAL', 0.85],
    ['PUBLICATION_DECRET_CREATION', 0.7],
    ['PUBLICATION_DECRET_AUTRE', 0.65],
  ] as const) {
    if (!r.chance(p)) continue;
    x.open(element);
    for (let k = r.weighted([0, 75, 20, 5]); k > 0; k--) {
      const signed = decision - r.int(10, 4000);
      const published = signed + r.int(3, 40);
      const prefix = r.chance(0.2) ? `JO n° ${r.int(1, 300)}    ` : '';
      x.open('PUBLICATION_JO');
      x.leaf(
        'TITRE',
        r.chance(0.15)
          ? `Code de l'éducation : Articles D${r.int(300, 700)}-1 à D${r.int(300, 700)}-${r.int(2, 40)}`
          : `${prefix}Arrêté du ${longDate(signed)} publié au Journal officiel du ${longDate(published)} portant enregistrement au répertoire national des certifications professionnelles. Enregistrement pour ${r.pick(['deux', 'trois', 'cinq'])} ans, sous l'intitulé "${name}"`,
      );
      if (r.chance(0.9)) x.leaf('DATE_PUBLICATION_JO', frDate(published));
      x.close('PUBLICATION_JO');
    }
    x.close(element);
  }
}

function writeBlocks(x: FlowFile, r: Rand, numero: string, blocks: number) {
  x.open('BLOCS_COMPETENCES');
  for (let k = 1; k <= blocks; k++) {
    x.open('BLOC_COMPETENCES');
    x.leaf('CODE', `${numero}BC${String(k).padStart(2, '0')}`);
    x.leaf('LIBELLE', phrase(r).slice(0, r.int(30, 110)).trim());
    x.leaf('LISTE_COMPETENCES', text(r, r.size(360, 0.75, 100, 6000)));
    x.leaf('MODALITES_EVALUATION', text(r, r.size(180, 0.8, 50, 4000)));
    x.close('BLOC_COMPETENCES');
  }
  x.close('BLOCS_COMPETENCES');
}

function writeCorrespondences(x: FlowFile, r: Rand, ctx: Context, index: number, numero: string, blocks: number) {
  if (ctx.count < 2 || !r.chance(0.15)) return;
  const items = Array.from({ length: r.int(1, 6) }, () => {
    const other = (index + r.int(1, ctx.count - 1)) % ctx.count;
    const otherNumero = `RNCP${RNCP_BASE + other}`;
    const own = r.chance(0.95) ? r.distinct(r.int(1, Math.min(2, blocks)), blocks) : [];
    const theirs = r.chance(0.95) ? r.distinct(r.int(1, 2), blockCount(ctx.seed, other)) : [];
    return { own, otherNumero, theirs };
  });
  const code = (n: string, k: number) => `${n}BC${String(k + 1).padStart(2, '0')}`;
  x.list('CORRESPONDANCES', 'CORRESPONDANCE', items, ({ own, otherNumero, theirs }) => {
    x.list('SOURCE', 'BLOC_COMPETENCES', own, (k) => x.leaf('CODE', code(numero, k)));
    x.open('DESTINATION');
    x.leaf('NUMERO_FICHE', otherNumero);
    for (const k of theirs) {
      x.open('BLOC_COMPETENCES');
      x.leaf('CODE', code(otherNumero, k));
      x.close('BLOC_COMPETENCES');
    }
    x.close('DESTINATION');
  });
}

/** Registration dates: decision ≤ effect < end; the end date follows the stated duration, as the checks want. */
function registration(r: Rand, kind: FlowKind) {
  const byRight = kind === 'RNCP' && r.chance(0.4);
  const decision = r.int(dayOf('2016-01-01'), dayOf('2026-07-31'));
  const years = byRight ? r.pick([4, 5, 5]) : r.pick([2, 3, 3, 5, 5, 5]);
  const effect = byRight || (kind === 'RNCP' && r.chance(0.25)) ? decision + r.int(0, 90) : undefined;
  const end = effect === undefined ? addYears(decision, years) : addYears(effect, years) - 1;
  return { byRight, decision, years, effect, end };
}

function rncpRecord(x: FlowFile, ctx: Context, index: number) {
  const r = new Rand(mix(ctx.seed, PURPOSE.rncp, index));
  const numero = `RNCP${RNCP_BASE + index}`;
  const blocks = blockCount(ctx.seed, index);
  const reg = registration(r, 'RNCP');
  const name = title(r, 'RNCP');
  x.open('FICHE');
  x.leaf('ID_FICHE', 20000 + index);
  x.leaf('NUMERO_FICHE', numero);
  writeLineage(x, r, 'RNCP', index, ctx.count);
  x.leaf('INTITULE', name);
  if (r.chance(0.6)) {
    const [code, label] = r.pick(ABREGES);
    x.open('ABREGE');
    x.leaf('CODE', code);
    x.leaf('LIBELLE', label);
    x.close('ABREGE');
  }
  x.leaf(
    'ETAT_FICHE',
    r.pick([
      'Publiée',
      'Publiée',
      'Publiée',
      'Publiée',
      'Publiée',
      'Publiée',
      'Publiée',
      'Publiée',
      'Modifications à valider',
      'Modifications à valider par le ministère',
    ]),
  );
  writeCodes(x, r, 'RNCP');
  writeCertifiers(x, r, reg.decision, 'RNCP');
  writePartners(x, r, reg.decision, 'RNCP');
  x.leaf('ACTIVITES_VISEES', text(r, r.size(1000, 0.75, 250, 14000)));
  x.leaf('CAPACITES_ATTESTEES', text(r, r.size(1000, 0.75, 250, 12000)));
  x.leaf('SECTEURS_ACTIVITE', text(r, r.size(300, 0.7, 60, 3000)));
  x.leaf('TYPE_EMPLOI_ACCESSIBLES', Array.from({ length: r.int(2, 8) }, () => title(r, 'RNCP')).join(', ') + '.');
  x.list('CODES_ROME', 'ROME', r.distinct(r.weighted([0, 35, 30, 18, 10, 7]), ROME_POOL.length), (k) => {
    x.leaf('CODE', ROME_POOL[k].code);
    x.leaf('LIBELLE', ROME_POOL[k].label);
  });
  if (r.chance(0.4)) x.leaf('REGLEMENTATIONS_ACTIVITES', text(r, r.size(180, 0.6, 30, 1500)));
  writeJuries(x, r, ['SI_JURY_FI', 'SI_JURY_CA', 'SI_JURY_FC', 'SI_JURY_CQ', 'SI_JURY_CL', 'SI_JURY_VAE'], false, reg.decision);
  x.leaf('ACCESSIBLE_NOUVELLE_CALEDONIE', ouiNon(r.chance(0.3)));
  x.leaf('ACCESSIBLE_POLYNESIE_FRANCAISE', ouiNon(r.chance(0.3)));
  writePublications(x, r, reg.decision, name);
  if (!reg.byRight) {
    if (r.chance(0.3)) x.leaf('DATE_DERNIER_JO', frDate(reg.decision - r.int(30, 3000)));
    x.leaf('DATE_DECISION', frDate(reg.decision));
    x.leaf('DUREE_ENREGISTREMENT', reg.years);
  }
  writeStatistics(x, r, reg.decision, 'RNCP');
  if (r.chance(0.55)) x.leaf('LIEN_URL_DESCRIPTION', descriptionLinks(r, numero));
  x.leaf('DATE_FIN_ENREGISTREMENT', frDate(reg.end));
  if (reg.effect !== undefined) x.leaf('DATE_EFFET', frDate(reg.effect));
  else if (r.chance(0.08)) {
    x.open('ANNEES_PROMOTIONS_NIVEAU');
    for (const k of r.distinct(r.int(1, 3), 4)) x.leaf('ANNEE', yearOf(reg.decision) - k);
    x.close('ANNEES_PROMOTIONS_NIVEAU');
  }
  x.leaf('TYPE_ENREGISTREMENT', reg.byRight ? 'Enregistrement de droit' : 'Enregistrement sur demande');
  writeBlocks(x, r, numero, blocks);
  x.leaf('OBJECTIFS_CONTEXTE', text(r, r.size(700, 0.6, 150, 5000)));
  x.leaf('ACTIF', ouiNon(reg.end >= EXPORT_DAY));
  if (r.chance(0.5)) x.leaf('PREREQUIS_ENTREE_FORMATION', text(r, r.size(350, 0.7, 40, 2500)));
  if (reg.byRight && r.chance(0.8)) x.leaf('DATE_DE_PUBLICATION', frDate(Math.min(EXPORT_DAY, reg.decision + r.int(0, 60))));
  else if (!reg.byRight && r.chance(0.4)) x.leaf('DATE_LIMITE_DELIVRANCE', frDate(addYears(reg.end, r.int(1, 4))));
  writeCorrespondences(x, r, ctx, index, numero, blocks);
  x.close('FICHE');
}

function rsRecord(x: FlowFile, ctx: Context, index: number) {
  const r = new Rand(mix(ctx.seed, PURPOSE.rs, index));
  const numero = `RS${RS_BASE + index}`;
  const reg = registration(r, 'RS');
  x.open('FICHE');
  x.leaf('ID_FICHE', 60000 + index);
  x.leaf('NUMERO_FICHE', numero);
  writeLineage(x, r, 'RS', index, ctx.count);
  x.leaf('INTITULE', title(r, 'RS'));
  x.leaf('ETAT_FICHE', r.chance(0.92) ? 'Publiée' : 'Modifications à valider');
  writeCodes(x, r, 'RS');
  writeCertifiers(x, r, reg.decision, 'RS');
  writePartners(x, r, reg.decision, 'RS');
  x.leaf('CAPACITES_ATTESTEES', text(r, r.size(1100, 0.55, 200, 8000)));
  if (r.chance(0.25)) x.leaf('REGLEMENTATIONS_ACTIVITES', text(r, r.size(180, 0.6, 30, 1000)));
  writeJuries(x, r, ['SI_JURY_FI', 'SI_JURY_FC', 'SI_JURY_CQ', 'SI_JURY_CL', 'SI_JURY_VAE'], true, reg.decision);
  x.leaf('DATE_DECISION', frDate(reg.decision));
  x.leaf('DUREE_ENREGISTREMENT', reg.years);
  writeStatistics(x, r, reg.decision, 'RS');
  if (r.chance(0.5)) x.leaf('LIEN_URL_DESCRIPTION', descriptionLinks(r, numero));
  x.leaf('DATE_FIN_ENREGISTREMENT', frDate(reg.end));
  x.leaf('TYPE_ENREGISTREMENT', 'Enregistrement sur demande');
  x.leaf('OBJECTIFS_CONTEXTE', text(r, r.size(800, 0.55, 150, 5000)));
  x.leaf('VALIDATION_PARTIELLE', ouiNon(r.chance(0.1)));
  x.leaf('ACTIF', ouiNon(reg.end >= EXPORT_DAY));
  if (r.chance(0.9)) x.leaf('PREREQUIS_ENTREE_FORMATION', text(r, r.size(250, 0.7, 40, 1500)));
  if (r.chance(0.6)) x.leaf('DATE_LIMITE_DELIVRANCE', frDate(addYears(reg.end, r.int(0, 1)) + r.int(0, 180)));
  x.close('FICHE');
}

function writeExport(path: string, kind: FlowKind, count: number, seed: number): number {
  const x = new FlowFile(path);
  x.raw('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<FICHES>\n');
  x.enter();
  x.leaf('VERSION_FLUX', '4.1');
  const ctx: Context = { seed, count };
  for (let i = 0; i < count; i++) {
    if (kind === 'RNCP') rncpRecord(x, ctx, i);
    else rsRecord(x, ctx, i);
    x.flush();
  }
  // The real exports end with a blank line before the closing tag.
  x.raw('\n</FICHES>\n');
  x.end();
  return x.bytes;
}

export interface FlowExportOptions {
  rncp: number;
  rs: number;
  seed?: number;
  /** Export date in the file names (AAAA-MM-JJ). */
  date?: string;
}

export interface FlowExport {
  rncp: { path: string; records: number; bytes: number };
  rs: { path: string; records: number; bytes: number };
}

/** Writes the RNCP and RS exports into `dir` (created if needed) and returns their paths and sizes. */
export function writeFlowExports(dir: string, options: FlowExportOptions): FlowExport {
  mkdirSync(dir, { recursive: true });
  const seed = options.seed ?? 1;
  const date = options.date ?? FLOW_DATE;
  const one = (kind: FlowKind, records: number) => {
    const path = join(dir, exportFileName(kind, date));
    return { path, records, bytes: writeExport(path, kind, records, seed) };
  };
  return { rncp: one('RNCP', options.rncp), rs: one('RS', options.rs) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      rncp: { type: 'string' },
      rs: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string' },
      date: { type: 'string' },
    },
  });
  if (!values.rncp || !values.rs || !values.out) {
    console.error('usage: bench/flow-xml.ts --rncp N --rs M --out DIR [--seed S] [--date AAAA-MM-JJ]');
    process.exit(2);
  }
  const result = writeFlowExports(values.out, {
    rncp: Number(values.rncp),
    rs: Number(values.rs),
    seed: Number(values.seed ?? 1),
    date: values.date ?? FLOW_DATE,
  });
  for (const file of [result.rncp, result.rs]) {
    console.log(`${file.path}: ${file.records} records, ${(file.bytes / 1e6).toFixed(1)} MB`);
  }
}
