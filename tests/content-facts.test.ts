/**
 * Every fact of the seed page is in content/, exactly — checked independently of src/.
 *
 * The seed (../shared/seeds/000_245b5d193a6f2a30.txt) is the scraped text of the public page of RNCP39853. This file
 * reads it as text, derives the expected values from it (texts, lists, figures, periods, sources), and compares them
 * with the YAML records read with the `yaml` package. Where a hand-written table is needed (French month names, where
 * one job title ends and the next begins, access-route keys), it is itself checked against the seed so it cannot drift.
 *
 * Transcription rules applied (see ../shared/docs/DATA.md): "1er trimestre 2025" → "2025-T1", "ANNEE 2024" → "2024";
 * percentages in percent units ("44.29%" → 44.29); "1,230" → 1230; multi-line labels ("bac+3" / "bac+4") are one
 * bucket "bac+3 / bac+4"; " - Bloc optionnel" becomes `optionnel: true`; the labour-market block belongs to K1704.
 *
 * To run against a mutated copy of content/: CONTENT_FACTS_DIR=/tmp/copy/content npx vitest run tests/content-facts.test.ts
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/** Folder of the records under test: the project's content/, unless CONTENT_FACTS_DIR points at a copy. */
const CONTENT_DIR: URL = process.env['CONTENT_FACTS_DIR']
  ? pathToFileURL(`${process.env['CONTENT_FACTS_DIR'].replace(/\/$/, '')}/`)
  : new URL('../content/', import.meta.url);

const SEED_URL = new URL('../../shared/seeds/000_245b5d193a6f2a30.txt', import.meta.url);

// ---------------------------------------------------------------------------------------------------------------
// Reading the seed
// ---------------------------------------------------------------------------------------------------------------

const SEED = readFileSync(SEED_URL, 'utf8');
/** Lines of the seed, as published. */
const LINES = SEED.split('\n');
/** Paragraphs of a text: blocks separated by blank lines. */
const paragraphs = (text: string): string[] =>
  text
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
const PARAS = paragraphs(SEED);

/** The labour-market block ("Métiers Associés" down to the access routes): figures of one ROME sheet. */
const MARKET = SEED.slice(SEED.indexOf('\nMétiers Associés\n'), SEED.indexOf("\nVoies d'accès\n"));
const MARKET_PARAS = paragraphs(MARKET);
/** Everything before the labour-market block: the certification itself. */
const CERTIFICATION_TEXT = SEED.slice(0, SEED.indexOf('\nMétiers Associés\n'));

/** Index of the only paragraph equal to `text` in `paras`. */
function indexOfParagraph(text: string, paras: string[] = PARAS): number {
  const hits = paras.flatMap((p, i) => (p === text ? [i] : []));
  expect(hits, `paragraph « ${text} » in the seed`).toHaveLength(1);
  return hits[0] as number;
}

/** The paragraphs that follow the heading `text`. */
function after(text: string, paras: string[] = PARAS, count = 1): string[] {
  const i = indexOfParagraph(text, paras);
  return paras.slice(i + 1, i + 1 + count);
}

/** The paragraphs strictly between two headings. */
function between(start: string, end: string, paras: string[] = PARAS): string[] {
  return paras.slice(indexOfParagraph(start, paras) + 1, indexOfParagraph(end, paras));
}

/** Applies a regex that must match, and returns its groups. */
function match(text: string, regex: RegExp): string[] {
  const m = regex.exec(text);
  expect(m, `« ${text} » matches ${regex}`).not.toBeNull();
  return (m as RegExpExecArray).slice(1) as string[];
}

/** "44.29%" → 44.29 (percent units, precision kept). */
const percent = (text: string): number => Number(match(text, /^(\d+(?:\.\d+)?)%$/)[0]);
/** "1,230" → 1230 (comma is the thousands separator on this page). */
const count = (text: string): number => Number(match(text, /^(\d{1,3}(?:,\d{3})*)$/)[0]?.replaceAll(',', ''));
/** "1er trimestre 2025" → "2025-T1", "2ème trimestre 2024" → "2024-T2", "ANNEE 2024" → "2024". */
function period(text: string): string {
  const quarter = /^(\d)(?:er|ème) trimestre (\d{4})$/.exec(text);
  if (quarter) return `${quarter[2]}-T${quarter[1]}`;
  return match(text, /^ANNEE (\d{4})$/)[0] as string;
}
/** "Source : Acoss & MSA, 1er trimestre 2025" → its source name and period code. */
function sourceLine(text: string): { name: string; periode: string } {
  const [name, when] = match(text, /^Source : (.+), ([^,]+)$/) as [string, string];
  return { name, periode: period(when) };
}

// ---------------------------------------------------------------------------------------------------------------
// Reading the records
// ---------------------------------------------------------------------------------------------------------------

// Records are compared by value against the seed, so they are read untyped on purpose.
type Data = any;

const readYaml = (path: string): Data => parse(readFileSync(new URL(path, CONTENT_DIR), 'utf8'));
const numeroFiche = PARAS[0] as string;
const CERT: Data = readYaml(`certifications/${numeroFiche.toLowerCase()}.yaml`);
const readRome = (code: string): Data => readYaml(`rome/${code.toLowerCase()}.yaml`);

/** Name of the source a record's `source` field points at. */
function sourceName(record: Data, id: string): string | undefined {
  return (record.sources as Data[]).find((s) => s.id === id)?.intitule;
}

/** Every numeric leaf of a value, with its path, except under the keys in `skip`. */
function numericLeaves(value: Data, skip: string[], path = ''): { path: string; value: number }[] {
  if (typeof value === 'number') return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => numericLeaves(v, skip, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value)
      .filter(([key]) => !skip.includes(key))
      .flatMap(([key, v]) => numericLeaves(v, skip, path ? `${path}.${key}` : key));
  }
  return [];
}

/** Whether `n` is published in `text` in one of its forms: "55%", "1833", "1,230", as a whole token. */
function isPublished(n: number, text: string): boolean {
  const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const asPercent = new RegExp(`(?<![\\d.,])${escape(`${n}%`)}`, 'u');
  const plainForms = [String(n), n.toLocaleString('en-US')].map(escape).join('|');
  const asNumber = new RegExp(`(?<![\\p{L}\\d.,])(?:${plainForms})(?![\\p{L}\\d%]|[.,]\\d)`, 'u');
  return asPercent.test(text) || asNumber.test(text);
}

// ---------------------------------------------------------------------------------------------------------------
// The certification
// ---------------------------------------------------------------------------------------------------------------

describe('certification: identity and registration', () => {
  it('holds only fields whose facts are checked here against the seed (plus editorial notes and sources)', () => {
    const checked = [
      'numero_fiche',
      'intitule',
      'enregistrement',
      'prerequis',
      'objectifs',
      'debouches',
      'blocs',
      'codes_rome',
      'voies_acces',
      'statistiques_promotions',
    ];
    expect(
      Object.keys(CERT)
        .filter((key) => !['notes_editoriales', 'sources'].includes(key))
        .sort(),
    ).toStrictEqual(checked.sort());
    expect(Object.keys(CERT.debouches).sort()).toStrictEqual(['secteurs', 'types_emploi']);
    expect(Object.keys(CERT.debouches.types_emploi).sort()).toStrictEqual(['intitules', 'introduction']);
    expect(Object.keys(CERT.debouches.secteurs).sort()).toStrictEqual(['introduction', 'liste']);
  });

  it('has the seed number and title', () => {
    expect(numeroFiche).toMatch(/^RNCP\d+$/);
    expect(CERT.numero_fiche).toBe(numeroFiche);
    expect(CERT.intitule).toBe(PARAS[1]);
  });

  it('is registered for the seed duration, until the seed end date', () => {
    const [years, day, month, year] = match(
      CERTIFICATION_TEXT,
      /enregistrée dans le registre national de France Compétence pour une durée de (\d+) ans, jusqu'au (\d{1,2}) (\p{L}+) (\d{4})\./u,
    ) as [string, string, string, string];
    const months = [
      'janvier',
      'février',
      'mars',
      'avril',
      'mai',
      'juin',
      'juillet',
      'août',
      'septembre',
      'octobre',
      'novembre',
      'décembre',
    ];
    expect(months).toContain(month);
    const iso = `${year}-${String(months.indexOf(month) + 1).padStart(2, '0')}-${day.padStart(2, '0')}`;
    expect(CERT.enregistrement).toStrictEqual({ date_fin: iso, duree_annees: Number(years), source: CERT.enregistrement.source });
    expect(sourceName(CERT, CERT.enregistrement.source)).toBeDefined();
    expect(iso).toBe('2029-11-28'); // the parse above reads the seed as DATA.md describes it
  });
});

describe('certification: prerequisites and objectives', () => {
  it('prerequisites, entry + parallel admission, are the seed paragraph exactly', () => {
    const [text] = after("Prérequis d'entrée en formation") as [string];
    expect(text.startsWith('Etre titulaire')).toBe(true);
    expect(Object.keys(CERT.prerequis).sort()).toStrictEqual(['admission_parallele', 'entree_formation']);
    const { entree_formation, admission_parallele } = CERT.prerequis;
    expect(`${entree_formation} ${admission_parallele}`).toBe(text);
    expect(entree_formation.startsWith('Etre titulaire')).toBe(true);
    expect(admission_parallele).toMatch(/^Pour accéder au dispositif de la certification en admission parallèle/);
  });

  it('objectives are the seed paragraph exactly', () => {
    expect(CERT.objectifs).toBe(after('Objectifs')[0]);
  });
});

describe('certification: insertion figures ("Les chiffres globaux")', () => {
  const expected: Record<string, number>[] = [];
  for (const line of between('Les chiffres globaux', 'Débouchés')) {
    if (/^\d{4}$/.test(line)) {
      expected.push({ annee: Number(line) });
      continue;
    }
    const [duration, rate] = match(line, /^Taux d'insertion sur le marché sur (6 mois|2 ans) \((\d+)%\)$/);
    const key = duration === '6 mois' ? 'taux_insertion_6_mois' : 'taux_insertion_2_ans';
    (expected.at(-1) as Record<string, number>)[key] = Number(rate);
  }

  it('reads the seed as 2020: 94 % / 52 %, 2019: 97 % / 67 %', () => {
    expect(expected).toStrictEqual([
      { annee: 2020, taux_insertion_6_mois: 94, taux_insertion_2_ans: 52 },
      { annee: 2019, taux_insertion_6_mois: 97, taux_insertion_2_ans: 67 },
    ]);
  });

  it('records exactly those years and rates, from the page', () => {
    const stats: Data[] = CERT.statistiques_promotions;
    expect(stats.map(({ source: _source, ...figures }) => figures)).toStrictEqual(expected);
    for (const s of stats) expect(sourceName(CERT, s.source)).toBeDefined();
  });
});

describe('certification: jobs and sectors ("Débouchés")', () => {
  const [jobsParagraph, sectorsParagraph] = after('Débouchés', PARAS, 2) as [string, string];

  it('introduction + job titles joined by spaces is the seed paragraph exactly', () => {
    const { introduction, intitules } = CERT.debouches.types_emploi;
    expect(`${introduction} ${(intitules as string[]).join(' ')}`).toBe(jobsParagraph);
  });

  /**
   * Where one title ends and the next begins is not marked on the page (titles are separated by spaces only), so the
   * split is written out here; the test below checks that this table, joined, is the seed paragraph's tail.
   */
  const JOB_TITLES = [
    'Chargé de mission relations internationales',
    'Chargé de mission relations institutionnelles et affaires européennes',
    'Chargé des affaires européennes et internationales',
    'Coordinateur de projet',
    'Analyste (ministère des affaires étrangères, ministère de l’Intérieur, DGSI, ministère des Armées, DGSE, DRM, ministère de l’Économie, des finances et de la relance et de la souveraineté numérique)',
    'Analyste/Consultant intelligence économique',
    'Rédacteur',
    'Attaché économique, attaché commercial',
    'Auditeur en Cybersécurité',
    'Consultante en affaires internationales',
    'Consultante en Cybersécurité',
    'Consultant/Consultant(e) junior en relations internationales',
    'Consultant en développement international',
    'Enseignant',
    'Ingénieur pédagogique en relations internationales ou dans un établissement d’enseignement supérieur',
  ];

  it('the job-title table, joined by spaces, is the end of the seed paragraph', () => {
    expect(jobsParagraph.endsWith(` Les intitulés de postes sont principalement ${JOB_TITLES.join(' ')}`)).toBe(true);
  });

  it('job titles are split one title per item', () => {
    expect(CERT.debouches.types_emploi.intitules).toStrictEqual(JOB_TITLES);
  });

  const sectors = CERT.debouches.secteurs;
  const enumeration = sectorsParagraph.slice(sectors.introduction.length + 1);

  it('introduction is the start of the seed paragraph', () => {
    expect(sectors.introduction).toMatch(/Les différents secteurs:$/);
    expect(sectorsParagraph.startsWith(`${sectors.introduction} `)).toBe(true);
  });

  it('sectors joined by ";" are the seed enumeration (modulo spaces around ";")', () => {
    const normalise = (s: string): string => s.replace(/\s*;\s*/g, ';');
    expect(normalise((sectors.liste as string[]).join(';'))).toBe(normalise(enumeration));
  });

  it('sectors are the enumeration split on the ";" outside parentheses', () => {
    const items: string[] = [];
    let depth = 0;
    let current = '';
    for (const char of enumeration) {
      if (char === '(') depth += 1;
      if (char === ')') depth -= 1;
      if (char === ';' && depth === 0) {
        items.push(current.trim());
        current = '';
      } else current += char;
    }
    items.push(current.trim());
    expect(sectors.liste).toStrictEqual(items);
  });
});

describe('certification: competence blocks ("Les Compétences Clés")', () => {
  const OPTIONAL = ' - Bloc optionnel';
  const heading = PARAS.find((p) => p.startsWith('Les Compétences Clés')) as string;
  const [announced] = match(heading, /^Les Compétences Clés \((\d+)\)$/);
  const lines = (after(heading)[0] as string).split('\n');
  const blocs: Data[] = CERT.blocs;

  it('has as many blocks as the seed announces, twice', () => {
    expect(lines).toHaveLength(Number(announced));
    expect(PARAS[2]).toBe(`${announced} Blocs de compétences`);
    expect(blocs).toHaveLength(Number(announced));
  });

  it('has the seed blocks, in order, optional iff the seed says " - Bloc optionnel", and nothing else', () => {
    const expected = lines.map((line, i) => ({
      numero: i + 1,
      intitule: line.endsWith(OPTIONAL) ? line.slice(0, -OPTIONAL.length) : line,
      optionnel: line.endsWith(OPTIONAL),
    }));
    expect(blocs).toStrictEqual(expected);
  });

  it.each(blocs.map((b) => [b.numero, b]))('block %s title is a seed line, with the suffix iff optional', (_n, bloc) => {
    expect(typeof bloc.optionnel).toBe('boolean');
    expect(bloc.intitule).not.toMatch(/Bloc optionnel/);
    expect(LINES).toContain(`${bloc.intitule}${bloc.optionnel ? OPTIONAL : ''}`);
    expect(LINES).not.toContain(`${bloc.intitule}${bloc.optionnel ? '' : OPTIONAL}`);
  });
});

describe('certification: access routes ("Voies d\'accès")', () => {
  /** Seed label → record key (DATA.md: SI_JURY_FI, _CA, _FC, _CQ, _CL, _VAE). */
  const ROUTES: Record<string, string> = {
    'Formation Initiale': 'formation_initiale',
    Apprentissage: 'apprentissage',
    'Formation Continue': 'formation_continue',
    Professionnalisation: 'contrat_professionnalisation',
    'Candidature individuelle': 'candidature_individuelle',
    VAE: 'vae',
  };
  const labels = SEED.slice(SEED.indexOf("\nVoies d'accès\n") + "\nVoies d'accès\n".length)
    .split('\n')
    .map((line) => line.replace(/^[^\p{L}]+/u, '').trim()) // icons before the labels
    .filter((line) => line !== '');

  it('the table maps exactly the seed labels', () => {
    expect([...labels].sort()).toStrictEqual(Object.keys(ROUTES).sort());
  });

  it('all six seed routes are open, and no other', () => {
    expect(CERT.voies_acces).toStrictEqual(Object.fromEntries(labels.map((l) => [ROUTES[l], true])));
  });
});

// ---------------------------------------------------------------------------------------------------------------
// ROME sheets
// ---------------------------------------------------------------------------------------------------------------

describe('ROME sheets ("Découvrir le secteur")', () => {
  const refs = LINES.flatMap((line) => {
    const m = /^(.+)\(Rome ([A-Z]\d{4})\)$/.exec(line);
    return m ? [{ label: m[1] as string, code: m[2] as string }] : [];
  });

  it('the certification lists the seed codes, in order', () => {
    expect(refs.map((r) => r.code)).toStrictEqual(['K1704', 'K1404', 'K1405']);
    expect(CERT.codes_rome).toStrictEqual(refs.map((r) => r.code));
  });

  it('content/rome holds these sheets (beside those the imported records cite)', () => {
    const files = readdirSync(new URL('rome/', CONTENT_DIR)).filter((f) => f.endsWith('.yaml'));
    expect(files).toEqual(expect.arrayContaining(refs.map((r) => `${r.code.toLowerCase()}.yaml`)));
  });

  it.each(refs.map((r) => [r.code, r.label]))('%s is labelled « %s » as on the page (ROME v3 label)', (code, label) => {
    expect(existsSync(new URL(`rome/${code.toLowerCase()}.yaml`, CONTENT_DIR))).toBe(true);
    const rome = readRome(code);
    expect(rome.code).toBe(code);
    expect(rome.intitule).toBe(label);
    expect(LINES).toContain(`${rome.intitule}(Rome ${rome.code})`);
    expect(rome.libelle_source).toStrictEqual({ referentiel: 'ROME', version: '3', source: rome.libelle_source.source });
    expect(sourceName(rome, rome.libelle_source.source)).toBeDefined();
  });

  it('each sheet holds only its code, label, label origin, market block, notes and sources', () => {
    const allowed = ['code', 'intitule', 'libelle_source', 'marche_du_travail', 'notes_editoriales', 'sources'];
    for (const { code } of refs) expect(Object.keys(readRome(code)).filter((key) => !allowed.includes(key))).toStrictEqual([]);
  });

  it('only the sheet named in "Métiers Associés" has labour-market figures; the others say "no data"', () => {
    const [label, code] = match(MARKET_PARAS[1] as string, /^(.+)\n\(Rome ([A-Z]\d{4})\)$/) as [string, string];
    expect(MARKET_PARAS[0]).toBe('Métiers Associés');
    expect(code).toBe('K1704');
    expect(readRome(code).intitule).toBe(label);
    expect(readRome(code).marche_du_travail.aucune_donnee).toBeUndefined();
    for (const other of refs.filter((r) => r.code !== code)) {
      expect(readRome(other.code).marche_du_travail).toStrictEqual({ aucune_donnee: true });
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// K1704 labour market
// ---------------------------------------------------------------------------------------------------------------

describe('K1704 labour market', () => {
  const K1704: Data = readRome('K1704');
  const market: Data = K1704.marche_du_travail;
  const M = MARKET_PARAS;

  it('holds exactly the indicators checked below, each against the seed', () => {
    expect(Object.keys(market).sort()).toStrictEqual([
      'demandeurs_emploi',
      'difficulte_recrutement',
      'edition',
      'embauches',
      'offres_emploi',
      'repartitions',
      'salaires_offres',
      'taux_acces_emploi',
    ]);
    expect(Object.keys(market.salaires_offres).sort()).toStrictEqual(['fourchette_principale', 'periode', 'source', 'tranches']);
  });

  it('edition is the year of "Analyse du marché de l\'emploi" and "Demandes et Offres sur ce métier en"', () => {
    const [a] = match(M.find((p) => p.startsWith('Analyse du marché')) as string, /^Analyse du marché de l'emploi (\d{4})$/);
    const [b] = match(M.find((p) => p.startsWith('Demandes et Offres')) as string, /^Demandes et Offres sur ce métier en (\d{4})$/);
    expect(a).toBe(b);
    expect(market.edition).toBe(Number(a));
  });

  describe('salaries offered (monthly gross)', () => {
    const salaries = market.salaires_offres;
    const headline = M.find((p) => p.includes('des offres proposent un salaire')) as string;
    const [share, min, max] = match(headline, /^(\d+)% des offres proposent un salaire compris entre (\d+) et (\d+)\.$/);
    const scopeLines = M.filter((p) => p.startsWith("Nombre et % d'offres"));

    it('headline: share between min and max, as the sentence and the three figures above it say', () => {
      expect([share, min, max]).toStrictEqual(['55', '1833', '3000']);
      expect(after('Salaire mensuel brut', M.slice(0, M.indexOf(headline)), 3)).toStrictEqual([min, `${share}%`, max]);
      expect(salaries.fourchette_principale).toStrictEqual({ min: Number(min), max: Number(max), part_offres: Number(share) });
    });

    it('period and source are those of the chart caption ("…, 1er trimestre 2025.")', () => {
      expect(scopeLines).toHaveLength(2);
      expect(scopeLines[1]).toBe(scopeLines[0]);
      const [name, when] = match(scopeLines[0] as string, /^(.+), ([^,]+)\.$/) as [string, string];
      expect(salaries.periode).toBe(period(when));
      expect(sourceName(K1704, salaries.source)).toBe(name);
    });

    it('brackets: bounds and shares as published (they add up to 55.01 %, kept as is)', () => {
      const paras = between('Répartition par tranches de salaire', scopeLines[1] as string, M.slice(M.indexOf(headline) + 2));
      expect(paras[0]).toBe('Salaire mensuel brut');
      const expected: Record<string, number>[] = [];
      for (let i = 1; i < paras.length; i += 2) {
        const label = paras[i] as string;
        const bounds = /^salaire <=(\d+)$/.test(label)
          ? { max: Number(match(label, /(\d+)$/)[0]) }
          : /^salaire >=(\d+)$/.test(label)
            ? { min: Number(match(label, /(\d+)$/)[0]) }
            : (([a, b]) => ({ min: Number(a), max: Number(b) }))(match(label, /^salaire entre (\d+) et (\d+)$/));
        expected.push({ ...bounds, part_offres: percent(paras[i + 1] as string) });
      }
      expect(expected).toHaveLength(5);
      expect(salaries.tranches).toStrictEqual(expected);
    });
  });

  describe('indicators with a named source', () => {
    it('access-to-employment rate: value, text, period Q2 2024 and source "France Travail & Acoss"', () => {
      const [value, text, source] = after("Accès à l'emploi", M, 3) as [string, string, string];
      const { name, periode } = sourceLine(source);
      expect(market.taux_acces_emploi).toStrictEqual({
        valeur: percent(value),
        periode,
        source: market.taux_acces_emploi.source,
        precision: text,
      });
      expect(sourceName(K1704, market.taux_acces_emploi.source)).toBe(name);
      // also published under "Indicateurs complémentaires", with the same figure and period
      const [again, when] = after("Taux d'accès à l'emploi", M, 2) as [string, string];
      expect([percent(again), period(when)]).toStrictEqual([market.taux_acces_emploi.valeur, periode]);
      expect(periode).toBe('2024-T2');
    });

    it('hires of job seekers: value, text, period Q1 2025 and source "Acoss & MSA"', () => {
      const [value, text, source] = after("Embauches de demandeurs d'emploi", M, 3) as [string, string, string];
      const { name, periode } = sourceLine(source);
      expect(market.embauches).toStrictEqual({
        valeur: count(value),
        periode,
        source: market.embauches.source,
        precision: text,
      });
      expect(sourceName(K1704, market.embauches.source)).toBe(name);
      const [again, when] = after('Embauches récentes', M, 2) as [string, string];
      expect([count(again), period(when)]).toStrictEqual([market.embauches.valeur, periode]);
      expect([value, name, periode]).toStrictEqual(['1,230', 'Acoss & MSA', '2025-T1']);
    });

    it('recruitment difficulty: explicitly no data, with the page mention, year 2024, "France Travail & Dares"', () => {
      const [mention, source] = after('Difficulté de recrutement pour les entreprises', M, 2) as [string, string];
      const { name, periode } = sourceLine(source);
      expect(market.difficulte_recrutement).toStrictEqual({
        valeur: { aucune_donnee: true, mention },
        periode,
        source: market.difficulte_recrutement.source,
      });
      expect(sourceName(K1704, market.difficulte_recrutement.source)).toBe(name);
      expect([name, periode]).toStrictEqual(['France Travail & Dares', '2024']);
    });
  });

  describe.each([
    ['demandeurs_emploi', "Demandeurs d'emploi"],
    ['offres_emploi', "Offres d'emploi"],
  ])('%s ("%s", page figure without a named source)', (key, heading) => {
    it('value, text and period as published', () => {
      const [value, caption] = after(heading, M, 2) as [string, string];
      const [text, when] = match(caption, /^(.+)\n\((.+)\)$/) as [string, string];
      expect(market[key]).toStrictEqual({ valeur: count(value), periode: period(when), source: 'page-source', precision: text });
      expect(sourceName(K1704, 'page-source')).toMatch(/^Page publique/);
    });
  });

  describe('distributions: job seekers vs offers', () => {
    /** Rows of a published table: each pair of percentages precedes its label; multi-line labels are one bucket. */
    function table(title: string): Record<string, string | number>[] {
      const rows: Record<string, string | number>[] = [];
      let columns: string[] = [];
      let pending: number[] = [];
      for (const para of M.slice(indexOfParagraph(title, M) + 1)) {
        if (para.startsWith('Par niveau')) break;
        let lines = para.split('\n');
        if (lines[0] === "Demandeurs d'emploi") [columns, lines] = [lines.slice(0, 2), lines.slice(2)];
        if (lines.every((l) => /^\d+(?:\.\d+)?%$/.test(l))) {
          expect(lines).toHaveLength(2);
          pending = lines.map(percent);
        } else {
          expect(pending).toHaveLength(2);
          rows.push({ libelle: lines.join(' / '), demandeurs_emploi: pending[0] as number, offres_emploi: pending[1] as number });
          pending = [];
        }
      }
      expect(columns).toStrictEqual(["Demandeurs d'emploi", "Offres d'emploi"]);
      expect(pending).toStrictEqual([]);
      return rows;
    }

    const TABLES = [
      ['diplome', 'Par niveau de diplôme'],
      ['qualification', 'Par niveau de qualification'],
      ['experience', "Par niveau d'expérience dans le métier recherché"],
    ] as const;

    it('has exactly the three published tables', () => {
      expect(Object.keys(market.repartitions).sort()).toStrictEqual(TABLES.map(([key]) => key).sort());
      expect(M.filter((p) => p.startsWith('Par niveau'))).toStrictEqual(TABLES.map(([, title]) => title));
    });

    it.each(TABLES)('%s: title and every row, both columns, as published', (key, title) => {
      const rows = table(title);
      expect(rows).toHaveLength(6);
      expect(market.repartitions[key].titre).toBe(title);
      expect(market.repartitions[key].lignes).toStrictEqual(rows);
      expect(market.repartitions[key].source).toBe('page-source');
    });

    it('buckets published on two lines are one row each', () => {
      const labels = (key: string): string[] => market.repartitions[key].lignes.map((l: Data) => l.libelle);
      expect(labels('diplome')).toContain('bac+3 / bac+4');
      expect(labels('qualification')).toContain('Agents de maîtrise / Techniciens');
    });

    it.each(TABLES.filter(([key]) => market.repartitions[key].titre_graphique !== undefined))(
      '%s: chart title, "Période: …" and subtitle are consecutive seed paragraphs',
      (key) => {
        const { titre_graphique, sous_titre, periode } = market.repartitions[key];
        const [caption, subtitle] = after(titre_graphique, M, 2) as [string, string];
        const [when] = match(caption, /^Période: (.+)$/);
        expect(periode).toBe(period(when as string));
        expect(sous_titre).toBe(subtitle);
      },
    );

    it('the diploma table, published without its own period, has the period of its section', () => {
      expect(market.repartitions.diplome.periode).toBe(market.demandeurs_emploi.periode);
    });

    it('the experience column that adds up to 147 % is kept as published', () => {
      const total = market.repartitions.experience.lignes.reduce((sum: number, l: Data) => sum + l.demandeurs_emploi, 0);
      expect(total).toBe(147);
    });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The other direction: no invented figure
// ---------------------------------------------------------------------------------------------------------------

describe('no figure in content that the seed does not publish', () => {
  const k1704Numbers = numericLeaves(readRome('K1704'), ['edition']);
  const certNumbers = numericLeaves(CERT, ['numero']);

  it('finds figures to check', () => {
    expect(k1704Numbers.length).toBeGreaterThan(40);
    expect(certNumbers.length).toBeGreaterThan(5);
  });

  it.each(k1704Numbers.map((n) => [n.path, n.value]))('K1704 %s = %s is in the labour-market block', (_path, value) => {
    expect(isPublished(value, MARKET)).toBe(true);
  });

  it.each(certNumbers.map((n) => [n.path, n.value]))('%s = %s is on the certification part of the page', (_path, value) => {
    expect(isPublished(value, CERTIFICATION_TEXT)).toBe(true);
  });

  it('the published-form matcher is strict', () => {
    expect(isPublished(44.29, '44.29%')).toBe(true);
    expect(isPublished(1230, '1,230')).toBe(true);
    expect(isPublished(55, '55% des offres')).toBe(true);
    expect(isPublished(914, 'salaire <=914')).toBe(true);
    expect(isPublished(44.2, '44.29%')).toBe(false);
    expect(isPublished(4.29, '44.29%')).toBe(false);
    expect(isPublished(2, '2ème trimestre')).toBe(false);
    expect(isPublished(123, '1,230')).toBe(false);
  });
});
