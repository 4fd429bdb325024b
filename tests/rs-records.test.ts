/**
 * The records of content/rs/ are faithful transcriptions of the 5 real records of France Compétences' RS flow
 * (data/flux/rs-export-sample.xml, a byte-for-byte copy of ../shared/reference/rs-export-sample.xml):
 * every value the flow publishes is at its field, converted only as the schema says (JJ/MM/AAAA dates,
 * Oui/Non, integers), texts exactly as published; and the files hold nothing the flow does not publish,
 * apart from their sources, the `source` ids that cite them, and the editorial notes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FormatsPlugin } from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROJECT_ROOT } from './helpers/content-tree.ts';

// ajv-formats is CommonJS; Node and Vite expose its export differently.
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? addFormatsModule) as FormatsPlugin;

const FLOW = join(PROJECT_ROOT, 'data/flux/rs-export-sample.xml');
const CONTENT = join(PROJECT_ROOT, 'content/rs');
const SOURCE_ID = 'flux-rs';

// --- The flow, read generically: every leaf element with its path, list positions included. ---

type XmlNode = Record<string, unknown>;

interface FlowLeaf {
  /** "PARTENAIRES[0]/PARTENAIRE[3]/DATE_ACTIF[0]": each tag with its rank among its same-named siblings. */
  path: string;
  /** The element's text, entities decoded, nothing trimmed. */
  text: string;
}

const parser = new XMLParser({ preserveOrder: true, trimValues: false, parseTagValue: false, ignoreAttributes: true });

const tagOf = (node: XmlNode) => Object.keys(node).find((k) => k !== ':@')!;

function collectLeaves(children: XmlNode[], prefix: string, out: FlowLeaf[]): FlowLeaf[] {
  const seen = new Map<string, number>();
  for (const node of children) {
    const tag = tagOf(node);
    if (tag === '#text') {
      // Between elements, only the indentation of the file.
      if (String(node[tag]).trim() !== '')
        throw new Error(`texte mêlé à des éléments sous ${prefix || 'la racine'} : ${String(node[tag])}`);
      continue;
    }
    const rank = seen.get(tag) ?? 0;
    seen.set(tag, rank + 1);
    const path = `${prefix}${tag}[${rank}]`;
    const content = node[tag] as XmlNode[];
    if (content.some((child) => tagOf(child) !== '#text')) collectLeaves(content, `${path}/`, out);
    else out.push({ path, text: content.map((child) => String(child['#text'])).join('') });
  }
  return out;
}

interface FlowRecord {
  numero: string;
  leaves: FlowLeaf[];
}

function readRecords(xml: string): { version: string | undefined; records: FlowRecord[] } {
  const document = parser.parse(xml) as XmlNode[];
  const root = document.find((node) => tagOf(node) === 'FICHES');
  if (!root) throw new Error('pas d’élément FICHES');
  const children = root.FICHES as XmlNode[];
  const version = collectLeaves(
    children.filter((n) => tagOf(n) === 'VERSION_FLUX'),
    '',
    [],
  ).map((l) => l.text)[0];
  const records = children
    .filter((node) => tagOf(node) === 'FICHE')
    .map((node) => {
      const leaves = collectLeaves(node.FICHE as XmlNode[], '', []);
      const numero = leaves.find((l) => l.path === 'NUMERO_FICHE[0]')?.text;
      if (!numero) throw new Error('une FICHE sans NUMERO_FICHE');
      return { numero, leaves };
    });
  return { version, records };
}

// --- Conversions, exactly as the schema asks; anything else is an error, not a guess. ---

const asText = (text: string): unknown => text;
function asDate(text: string): unknown {
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  if (!match) throw new Error(`date qui n'est pas au format JJ/MM/AAAA : « ${text} »`);
  return `${match[3]}-${match[2]}-${match[1]}`;
}
function asBoolean(text: string): unknown {
  if (text === 'Oui') return true;
  if (text === 'Non') return false;
  throw new Error(`valeur qui n'est ni Oui ni Non : « ${text} »`);
}
function asInteger(text: string): unknown {
  if (!/^[0-9]+$/.test(text)) throw new Error(`nombre entier attendu : « ${text} »`);
  return Number(text);
}
function asNumber(text: string): unknown {
  if (!/^[0-9]+(?:[.,][0-9]+)?$/.test(text)) throw new Error(`nombre attendu : « ${text} »`);
  return Number(text.replace(',', '.'));
}

// --- The table: where each element of the flow goes in a record file. ---

type YamlPath = (string | number)[];

interface Rule {
  /** Matches a leaf's path; "[0]" marks an element that may appear only once, "[n]" a list position. */
  pattern: RegExp;
  /** The YAML path of the value, from the pattern's captures. */
  target: (m: RegExpExecArray) => YamlPath;
  convert: (text: string) => unknown;
}

const ONE = '\\[0\\]';
const ANY = '\\[(\\d+)\\]';
const ROUTES: Record<string, string> = {
  FI: 'formation_initiale',
  FC: 'formation_continue',
  CQ: 'contrat_professionnalisation',
  CL: 'candidature_individuelle',
  VAE: 'vae',
};

const rule = (pattern: string, target: (m: RegExpExecArray) => YamlPath, convert: (text: string) => unknown): Rule => ({
  pattern: new RegExp(`^${pattern}$`),
  target,
  convert,
});
const at =
  (...path: YamlPath) =>
  () =>
    path;

const RULES: Rule[] = [
  rule(`ID_FICHE${ONE}`, at('id_fiche'), asInteger),
  rule(`NUMERO_FICHE${ONE}`, at('numero_fiche'), asText),
  rule(`INTITULE${ONE}`, at('intitule'), asText),
  rule(`ETAT_FICHE${ONE}`, at('etat_fiche'), asText),
  rule(`ACTIF${ONE}`, at('actif'), asBoolean),
  rule(`VALIDATION_PARTIELLE${ONE}`, at('validation_partielle'), asBoolean),
  rule(`CERTIFICATEURS${ONE}/CERTIFICATEUR${ANY}/SIRET_CERTIFICATEUR${ONE}`, (m) => ['certificateurs', Number(m[1]), 'siret'], asText),
  rule(`CERTIFICATEURS${ONE}/CERTIFICATEUR${ANY}/NOM_CERTIFICATEUR${ONE}`, (m) => ['certificateurs', Number(m[1]), 'nom'], asText),
  rule(`CERTIFICATEURS${ONE}/CERTIFICATEUR${ANY}/ETAT_CERTIFICATEUR${ONE}`, (m) => ['certificateurs', Number(m[1]), 'etat'], asText),
  rule(
    `CERTIFICATEURS${ONE}/CERTIFICATEUR${ANY}/DATE_DERNIERE_MODIFICATION_ETAT${ONE}`,
    (m) => ['certificateurs', Number(m[1]), 'date_derniere_modification_etat'],
    asDate,
  ),
  rule(`EXISTENCE_PARTENAIRES${ONE}`, at('existence_partenaires'), asBoolean),
  rule(`PARTENAIRES${ONE}/PARTENAIRE${ANY}/SIRET_PARTENAIRE${ONE}`, (m) => ['partenaires', Number(m[1]), 'siret'], asText),
  rule(`PARTENAIRES${ONE}/PARTENAIRE${ANY}/NOM_PARTENAIRE${ONE}`, (m) => ['partenaires', Number(m[1]), 'nom'], asText),
  rule(`PARTENAIRES${ONE}/PARTENAIRE${ANY}/HABILITATION_PARTENAIRE${ONE}`, (m) => ['partenaires', Number(m[1]), 'habilitation'], asText),
  rule(`PARTENAIRES${ONE}/PARTENAIRE${ANY}/ETAT_HABILITATION${ONE}`, (m) => ['partenaires', Number(m[1]), 'etat_habilitation'], asText),
  rule(`PARTENAIRES${ONE}/PARTENAIRE${ANY}/DATE_ACTIF${ONE}`, (m) => ['partenaires', Number(m[1]), 'date_actif'], asDate),
  rule(
    `PARTENAIRES${ONE}/PARTENAIRE${ANY}/DATE_DERNIERE_MODIFICATION_ETAT${ONE}`,
    (m) => ['partenaires', Number(m[1]), 'date_derniere_modification_etat'],
    asDate,
  ),
  rule(`CODES_NSF${ONE}/NSF${ANY}/CODE${ONE}`, (m) => ['codes_nsf', Number(m[1]), 'code'], asText),
  rule(`CODES_NSF${ONE}/NSF${ANY}/LIBELLE${ONE}`, (m) => ['codes_nsf', Number(m[1]), 'libelle'], asText),
  rule(`FORMACODES${ONE}/FORMACODE${ANY}/CODE${ONE}`, (m) => ['formacodes', Number(m[1]), 'code'], asText),
  rule(`FORMACODES${ONE}/FORMACODE${ANY}/LIBELLE${ONE}`, (m) => ['formacodes', Number(m[1]), 'libelle'], asText),
  rule(`TYPE_ENREGISTREMENT${ONE}`, at('enregistrement', 'type_enregistrement'), asText),
  rule(`DATE_DECISION${ONE}`, at('enregistrement', 'date_decision'), asDate),
  rule(`DATE_EFFET${ONE}`, at('enregistrement', 'date_effet'), asDate),
  rule(`DATE_FIN_ENREGISTREMENT${ONE}`, at('enregistrement', 'date_fin'), asDate),
  rule(`DATE_LIMITE_DELIVRANCE${ONE}`, at('enregistrement', 'date_limite_delivrance'), asDate),
  rule(`DUREE_ENREGISTREMENT${ONE}`, at('enregistrement', 'duree_annees'), asInteger),
  rule(`PREREQUIS_ENTREE_FORMATION${ONE}`, at('prerequis', 'entree_formation'), asText),
  rule(`PREREQUIS_VALIDATION_CERTIFICATION${ONE}`, at('prerequis', 'validation_certification'), asText),
  rule(`OBJECTIFS_CONTEXTE${ONE}`, at('objectifs'), asText),
  rule(`CAPACITES_ATTESTEES${ONE}`, at('capacites_attestees'), asText),
  rule(`REGLEMENTATIONS_ACTIVITES${ONE}`, at('reglementations_activites'), asText),
  rule(
    `ANCIENNES_CERTIFICATIONS${ONE}/ANCIENNE_CERTIFICATION${ANY}/ID_FICHE_ANCIENNE_CERTIFICATION${ONE}`,
    (m) => ['anciennes_certifications', Number(m[1])],
    asText,
  ),
  rule(
    `NOUVELLES_CERTIFICATIONS${ONE}/NOUVELLE_CERTIFICATION${ANY}/ID_FICHE_NOUVELLE_CERTIFICATION${ONE}`,
    (m) => ['nouvelles_certifications', Number(m[1])],
    asText,
  ),
  rule(`SI_JURY_(FI|FC|CQ|CL|VAE)${ONE}/ACTIF${ONE}`, (m) => ['voies_acces', ROUTES[m[1]], 'ouverte'], asBoolean),
  rule(`SI_JURY_(FI|FC|CQ|CL|VAE)${ONE}/COMPOSITION${ONE}`, (m) => ['voies_acces', ROUTES[m[1]], 'composition_jury'], asText),
  rule(
    `SI_JURY_(FI|FC|CQ|CL|VAE)${ONE}/DATE_DERNIERE_MODIFICATION${ONE}`,
    (m) => ['voies_acces', ROUTES[m[1]], 'date_derniere_modification'],
    asDate,
  ),
  rule(
    `STATISTIQUES_PROMOTIONS${ONE}/STATISTIQUES_PROMOTION${ANY}/ANNEE${ONE}`,
    (m) => ['statistiques_promotions', Number(m[1]), 'annee'],
    asInteger,
  ),
  rule(
    `STATISTIQUES_PROMOTIONS${ONE}/STATISTIQUES_PROMOTION${ANY}/NOMBRE_CERTIFIES${ONE}`,
    (m) => ['statistiques_promotions', Number(m[1]), 'nombre_certifies'],
    asInteger,
  ),
  rule(
    `STATISTIQUES_PROMOTIONS${ONE}/STATISTIQUES_PROMOTION${ANY}/NOMBRE_CERTIFIES_VAE${ONE}`,
    (m) => ['statistiques_promotions', Number(m[1]), 'nombre_certifies_vae'],
    asInteger,
  ),
  rule(
    `STATISTIQUES_PROMOTIONS${ONE}/STATISTIQUES_PROMOTION${ANY}/TAUX_INSERTION_GLOBAL_6MOIS${ONE}`,
    (m) => ['statistiques_promotions', Number(m[1]), 'taux_insertion_6_mois'],
    asNumber,
  ),
  rule(
    `STATISTIQUES_PROMOTIONS${ONE}/STATISTIQUES_PROMOTION${ANY}/TAUX_INSERTION_METIER_2ANS${ONE}`,
    (m) => ['statistiques_promotions', Number(m[1]), 'taux_insertion_2_ans'],
    asNumber,
  ),
];

/** LIEN_URL_DESCRIPTION: addresses (several are separated by spaces) go to liens_description; other text to a note. */
const LINK_PATH = 'LIEN_URL_DESCRIPTION[0]';
const isAddressList = (text: string) => text.split(/\s+/).every((part) => /^https?:\/\/\S+$/.test(part));

// --- The YAML side. ---

function valueAt(data: unknown, path: YamlPath): unknown {
  let current = data;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** Every scalar of a parsed file with its path. */
function yamlLeaves(data: unknown, path: YamlPath = []): { path: YamlPath; value: unknown }[] {
  if (Array.isArray(data)) return data.flatMap((item, i) => yamlLeaves(item, [...path, i]));
  if (data !== null && typeof data === 'object') return Object.entries(data).flatMap(([key, value]) => yamlLeaves(value, [...path, key]));
  return [{ path, value: data }];
}

const show = (path: YamlPath) =>
  path
    .map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`))
    .join('')
    .slice(1);
const startsWith = (path: YamlPath, prefix: YamlPath) => prefix.length <= path.length && prefix.every((s, i) => path[i] === s);

/** Paths that are the project's own, not the flow's: the sources, the ids that cite them, the notes. */
function isProjectField(path: YamlPath): boolean {
  return path[0] === 'sources' || path[0] === 'notes_editoriales' || path[path.length - 1] === 'source';
}

// --- The tests. ---

const flow = readRecords(readFileSync(FLOW, 'utf8'));
const fileFor = (numero: string) => join(CONTENT, `${numero.toLowerCase()}.yaml`);
const readRecordFile = (numero: string) => parse(readFileSync(fileFor(numero), 'utf8')) as Record<string, unknown>;

describe('the RS sample of the official flow', () => {
  it('is flow v4.1 and holds the 5 records, each once', () => {
    expect(flow.version).toBe('4.1');
    expect(flow.records.map((r) => r.numero)).toEqual(['RS6547', 'RS5000', 'RS5568', 'RS6604', 'RS7423']);
  });

  it('has no element the table does not place', () => {
    const unplaced = flow.records.flatMap((record) =>
      record.leaves
        .filter((leaf) => leaf.path !== LINK_PATH && !RULES.some((r) => r.pattern.test(leaf.path)))
        .map((leaf) => `${record.numero} ${leaf.path}`),
    );
    expect(unplaced).toEqual([]);
  });
});

describe('content/rs', () => {
  it('holds one file per record of the flow, named after its number, and no other', () => {
    const names = readdirSync(CONTENT).sort();
    expect(names).toEqual(flow.records.map((r) => `${r.numero.toLowerCase()}.yaml`).sort());
  });

  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });

  // The ownership annotation of the kind schemas (x-proprietaire), which strict mode must be told about.

  ajv.addKeyword({ keyword: 'x-proprietaire', schemaType: 'string' });
  addFormats(ajv, ['date', 'uri']);
  for (const name of readdirSync(join(PROJECT_ROOT, 'schemas'))) {
    ajv.addSchema(JSON.parse(readFileSync(join(PROJECT_ROOT, 'schemas', name), 'utf8')) as object, name);
  }

  for (const record of flow.records) {
    describe(record.numero, () => {
      it('starts with the modeline of the RS schema and validates against it', () => {
        const text = readFileSync(fileFor(record.numero), 'utf8');
        expect(text.split('\n', 1)[0]).toBe('# yaml-language-server: $schema=../../schemas/rs.schema.json');
        const validate = ajv.getSchema('rs.schema.json')!;
        const valid = validate(parse(text));
        expect(validate.errors ?? []).toEqual([]);
        expect(valid).toBe(true);
      });

      it('holds every value of the flow record at its field', () => {
        const data = readRecordFile(record.numero);
        const mismatches: string[] = [];
        for (const leaf of record.leaves) {
          if (leaf.path === LINK_PATH) continue;
          const r = RULES.find((candidate) => candidate.pattern.test(leaf.path));
          if (!r) continue; // reported by the test above
          const path = r.target(r.pattern.exec(leaf.path)!);
          let expected: unknown;
          try {
            expected = r.convert(leaf.text);
          } catch (error) {
            mismatches.push(`${leaf.path}: ${(error as Error).message}`);
            continue;
          }
          const actual = valueAt(data, path);
          if (actual !== expected)
            mismatches.push(`${leaf.path} → ${show(path)}: attendu ${JSON.stringify(expected)}, trouvé ${JSON.stringify(actual)}`);
        }
        expect(mismatches).toEqual([]);
      });

      it('keeps the description link as an address, or says in a note what the flow published instead', () => {
        const data = readRecordFile(record.numero);
        const link = record.leaves.find((leaf) => leaf.path === LINK_PATH)?.text;
        const notes = (data.notes_editoriales as string[] | undefined) ?? [];
        if (link === undefined) {
          expect(data.liens_description).toBeUndefined();
        } else if (isAddressList(link)) {
          expect(data.liens_description).toEqual(link.split(/\s+/));
        } else {
          expect(data.liens_description).toBeUndefined();
          expect(notes.filter((note) => note.includes('LIEN_URL_DESCRIPTION') && note.includes(`« ${link} »`))).toHaveLength(1);
        }
      });

      it('holds nothing the flow does not publish, apart from its sources and notes', () => {
        const data = readRecordFile(record.numero);
        const placed: YamlPath[] = [];
        for (const leaf of record.leaves) {
          if (leaf.path === LINK_PATH) {
            if (isAddressList(leaf.text)) placed.push(['liens_description']);
            continue;
          }
          const r = RULES.find((candidate) => candidate.pattern.test(leaf.path));
          if (r) placed.push(r.target(r.pattern.exec(leaf.path)!));
        }
        const extra = yamlLeaves(data)
          .filter(({ path }) => !isProjectField(path))
          .filter(({ path }) => !placed.some((p) => startsWith(path, p)))
          .map(({ path, value }) => `${show(path)}: ${JSON.stringify(value)}`);
        expect(extra).toEqual([]);
      });

      it('cites the official flow, and only it, for the facts that name a source', () => {
        const data = readRecordFile(record.numero);
        const sources = data.sources as { id: string; url?: string }[];
        expect(sources.map((s) => s.id)).toEqual([SOURCE_ID]);
        expect(sources[0].url).toBe('https://www.data.gouv.fr/fr/datasets/5eebbc067a14b6fecc9c9976/');
        const cited = yamlLeaves(data).filter(({ path }) => path[0] !== 'sources' && path[path.length - 1] === 'source');
        expect(cited.length).toBeGreaterThan(0);
        expect(cited.filter(({ value }) => value !== SOURCE_ID)).toEqual([]);
      });
    });
  }

  it('records lineage both ways between records of the sample, as the flow does', () => {
    const numbers = new Set(flow.records.map((r) => r.numero));
    const pairs: string[] = [];
    for (const record of flow.records) {
      for (const older of (readRecordFile(record.numero).anciennes_certifications as string[] | undefined) ?? []) {
        if (numbers.has(older)) pairs.push(`${older} → ${record.numero}`);
      }
    }
    const reverse = flow.records.flatMap((record) =>
      ((readRecordFile(record.numero).nouvelles_certifications as string[] | undefined) ?? [])
        .filter((n) => numbers.has(n))
        .map((newer) => `${record.numero} → ${newer}`),
    );
    expect(pairs.length).toBeGreaterThan(0);
    expect(reverse.sort()).toEqual(pairs.sort());
  });
});
