/**
 * The pages of the RNCP records imported from the official flow, in a real build (tests/global-setup.ts):
 * every fact of each YAML file is in its page's visible text, formatted by the project's formatters; the
 * flow's texts are cut into paragraphs and lists; related records and block equivalences link where they
 * should; the page says which export its data comes from. The hand-transcribed seed keeps its rendering,
 * and a build of edited content shows a dated export, a record the export no longer holds and the
 * team's corrections. Expectations come from the YAML files and the schema's titles, not from the pages' code.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { formatDate, formatNumber, formatPercent } from '../src/core/text/french.ts';
import { flowBlocks } from '../src/site/flow-text.ts';
import { build, copyProject, removeProject } from './helpers/astro-project.ts';
import {
  builtRecords,
  builtSchema,
  dateOrNothing,
  definitionsOf,
  displayed,
  elementsWithClass,
  expectAccessRoutes,
  expectedTarget,
  isReferenceId,
  isSourceUrl,
  leavesOf,
  linksOf,
  mainOf,
  normalise,
  readPage,
  tablesOf,
  tableWithRow,
  visibleText,
} from './helpers/page-text.ts';
import type { Data, Leaf, Row } from './helpers/page-text.ts';

const dist = inject('siteDist');
const root = dirname(dist);
const SCHEMA = builtSchema(root, 'certification.schema.json');
const FLOW_SOURCE = 'flux-rncp';

const ALL = builtRecords(root, 'certifications');
/** The records the import wrote: they cite the flow's source. */
const IMPORTED = ALL.filter((r) => (r.data.sources as Data[]).some((s) => s.id === FLOW_SOURCE));

const page = (slug: string) => readPage(dist, `/certifications/${slug}/`);
const title = (key: string) => SCHEMA.properties[key].title as string;
const routeTitle = (key: string) => SCHEMA.properties.voies_acces.properties[key].title as string;
const levelLabel = (code: string) => code.replace('NIV', 'Niveau ');

/** How a reader sees a value of a certification: a level code as « Niveau N », the rest as on every page. */
const shown = (leaf: Leaf) => (leaf.path === '/niveau/code' ? levelLabel(String(leaf.value)) : displayed(leaf));

/** Each block with the rank the page numbers it by: its `numero`, else its place in the list. */
const blocksOf = (data: Data): Data[] =>
  ((data.blocs ?? []) as Data[]).map((b, i) => ({ ...b, rank: (b.numero as number | undefined) ?? i + 1 }));

/** The sentence that says where the data comes from, from the flow's source entry. */
function freshness(data: Data): string {
  const source = (data.sources as Data[]).find((s) => s.id === FLOW_SOURCE) as Data;
  return source.date_export
    ? `Données de l'export du flux RNCP du ${formatDate(source.date_export)}.`
    : `Données d'un export du flux RNCP. ${source.remarque}`;
}

/** Visible text without the space a tag leaves before punctuation (« <a>flux RNCP</a>. » reads « flux RNCP. »). */
const readable = (html: string) => visibleText(html).replace(/ ([.,)])/g, '$1');

/** The HTML that follows a heading, up to the next heading of the same level or higher. */
function sectionAfter(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  expect(start, `a heading has the id ${id}`).toBeGreaterThan(-1);
  const level = /<h([1-6])\b[^>]*$/.exec(html.slice(0, start))?.[1] ?? '2';
  const rest = html.slice(html.indexOf('>', start) + 1);
  const end = rest.search(new RegExp(`<h[1-${level}]\\b`));
  return end === -1 ? rest : rest.slice(0, end);
}

describe('imported RNCP record pages', () => {
  it('reads the eight records of content/certifications/ that the import wrote', () => {
    expect(IMPORTED.map((r) => r.slug)).toEqual(
      expect.arrayContaining(['rncp34762', 'rncp35625', 'rncp35809', 'rncp35959', 'rncp36612', 'rncp37674', 'rncp37873', 'rncp40344']),
    );
  });

  describe.each(IMPORTED)('$id', ({ slug, id, data }) => {
    const html = () => page(slug);
    const main = () => mainOf(html());

    it(`has its page at /certifications/${slug}/ with its number and title`, () => {
      const h1 = [...html().matchAll(/<h1\b[^>]*>([\s\S]*?)<\/h1>/g)].map((m) => visibleText(m[1] ?? ''));
      expect(h1).toEqual([normalise(data.intitule)]);
      expect(visibleText(main())).toContain(id);
    });

    it('shows every value of its YAML file in its visible text', () => {
      const text = visibleText(main());
      const missing = leavesOf(data)
        .filter((leaf) => !isReferenceId(leaf) && !isSourceUrl(leaf))
        .filter((leaf) => !text.includes(normalise(shown(leaf))))
        .map((leaf) => `${leaf.path}: ${shown(leaf)}`);
      expect(missing).toEqual([]);
    });

    it('says, under its title, which export of the flow its data comes from', () => {
      const lines = elementsWithClass(main(), 'p', 'data-origin').map(readable);
      expect(lines).toEqual([normalise(freshness(data))]);
      // Right under the title, before the registration and the facts.
      expect(main().indexOf('data-origin')).toBeLessThan(main().indexOf('class="lead"'));
    });

    it("gives the record's facts under the schema's titles", () => {
      const facts = definitionsOf(main());
      const expected: [string, string][] = [];
      for (const key of [
        'numero_fiche',
        'id_fiche',
        'etat_fiche',
        'actif',
        'validation_partielle',
        'existence_partenaires',
        'accessible_nouvelle_caledonie',
        'accessible_polynesie_francaise',
      ])
        if (data[key] !== undefined) expected.push([title(key), displayed({ path: `/${key}`, key, value: data[key] })]);
      if (data.annees_promotions_niveau) expected.push([title('annees_promotions_niveau'), data.annees_promotions_niveau.join(', ')]);
      if (data.abrege) expected.push([title('abrege'), `${data.abrege.libelle} (${data.abrege.code})`]);
      if (data.niveau) expected.push([title('niveau'), data.niveau.libelle ?? levelLabel(data.niveau.code)]);
      for (const [term, value] of expected) {
        expect(facts.has(term), `« ${term} » is a term of the facts`).toBe(true);
        expect(visibleText(facts.get(term) ?? ''), term).toBe(normalise(value));
      }
    });

    it('cuts its flow texts into paragraphs and lists, not one block of text', () => {
      const texts: [string, string | undefined][] = [
        ['objectifs', data.objectifs],
        ['activites-visees', data.activites_visees],
        ['capacites-attestees', data.capacites_attestees],
        ['reglementation', data.reglementations_activites],
      ];
      for (const [anchor, text] of texts) {
        if (text === undefined) continue;
        const [flow] = elementsWithClass(sectionAfter(main(), anchor), 'div', 'flow-text');
        expect(flow, `${anchor} is a flow text`).toBeDefined();
        const pieces = flowBlocks(text).reduce((n, b) => n + (b.kind === 'paragraph' ? 1 : b.items.length), 0);
        expect((flow ?? '').match(/<(p|li)\b/g) ?? [], anchor).toHaveLength(pieces);
      }
    });

    it('lists its blocks in order, each headed by its rank, code and title, its competences and assessment apart', () => {
      const blocks = blocksOf(data);
      const headings = [...main().matchAll(/<h3 id="(bloc-\d+)">([\s\S]*?)<\/h3>/g)].map((m) => [m[1], visibleText(m[2] ?? '')]);
      expect(headings).toEqual(
        blocks.map((b) => [`bloc-${b.rank}`, normalise(`Bloc ${b.rank}${b.code ? ` (${b.code})` : ''} : ${b.intitule}`)]),
      );
      for (const b of blocks) {
        const section = sectionAfter(main(), `bloc-${b.rank}`);
        const details = [...section.matchAll(/<details\b[^>]*>\s*<summary>([\s\S]*?)<\/summary>([\s\S]*?)<\/details>/g)];
        const summaries = details.map((m) => visibleText(m[1] ?? ''));
        if (b.competences) expect(summaries).toContain('Compétences du bloc');
        if (b.modalites_evaluation) expect(summaries).toContain("Modalités d'évaluation");
      }
    });

    it('lists its access routes in a table, one row per route of the file, each with its jury', () => {
      expectAccessRoutes(main(), Object.entries(data.voies_acces as Record<string, Data>), routeTitle);
    });

    it('lists its certifiers in a table, in the source order: name, SIRET, state and date', () => {
      const certifiers = (data.certificateurs ?? []) as Data[];
      if (certifiers.length === 0) return;
      const table = tableWithRow(sectionAfter(main(), 'certificateurs'), certifiers[0]?.nom);
      expect(table.rows.map((r) => r.header)).toEqual(certifiers.map((c) => normalise(c.nom)));
      certifiers.forEach((c, i) => {
        for (const expected of [c.siret, c.etat, ...dateOrNothing(c.date_derniere_modification_etat)].filter(Boolean))
          expect(table.rows[i]?.cells.join(' '), c.nom).toContain(normalise(expected));
      });
    });

    it('lists its partners in a closed <details> whose summary gives their number, in the source order', () => {
      const partners = (data.partenaires ?? []) as Data[];
      const blocks = [...main().matchAll(/<details class="rs-partners"[\s\S]*?<\/details>/g)].map((m) => m[0]);
      if (partners.length === 0) return expect(blocks).toEqual([]);
      expect(blocks).toHaveLength(1);
      const [block = ''] = blocks;
      expect(visibleText(/<summary\b[^>]*>([\s\S]*?)<\/summary>/.exec(block)?.[1] ?? '')).toContain(
        normalise(formatNumber(partners.length)),
      );
      expect(tableWithRow(block, partners[0]?.nom).rows.map((r) => r.header)).toEqual(partners.map((p) => normalise(p.nom)));
    });

    it('gives its promotions newest first: the counts in a table, the rates in the chart and its table', () => {
      const promotions = [...((data.statistiques_promotions ?? []) as Data[])].sort((a, b) => b.annee - a.annee);
      const text = visibleText(sectionAfter(main(), 'promotions'));
      if (promotions.length === 0) return expect(text).toContain('Aucun chiffre de promotion publié par la source.');
      const counts = promotions.filter((p) => p.nombre_certifies !== undefined || p.nombre_certifies_vae !== undefined);
      if (counts.length > 0) {
        const table = tableWithRow(sectionAfter(main(), 'certifies'), String(counts[0]?.annee));
        expect(table.rows.map((r) => r.header)).toEqual(counts.map((p) => String(p.annee)));
        counts.forEach((p, i) => {
          for (const key of ['nombre_certifies', 'nombre_certifies_vae'])
            if (p[key] !== undefined) expect(table.rows[i]?.cells, `${p.annee} ${key}`).toContain(normalise(formatNumber(p[key])));
        });
      }
      const rated = promotions.filter((p) => p.taux_insertion_6_mois !== undefined || p.taux_insertion_2_ans !== undefined);
      const chart = /<figure id="insertion"[\s\S]*?<\/figure>/.exec(main())?.[0];
      if (rated.length === 0) return expect(chart).toBeUndefined();
      const [table] = tablesOf(chart ?? '');
      expect(table?.rows.map((r) => r.header)).toEqual(rated.map((p) => String(p.annee)));
      rated.forEach((p, i) => {
        for (const key of ['taux_insertion_6_mois', 'taux_insertion_2_ans'])
          if (p[key] !== undefined) expect(table?.rows[i]?.cells, `${p.annee} ${key}`).toContain(normalise(formatPercent(p[key])));
      });
    });

    it('links the records it replaces and those that replace it, by number, here or on the official registry', () => {
      const facts = definitionsOf(main());
      for (const [key, term] of [
        ['anciennes_certifications', 'Remplace'],
        ['nouvelles_certifications', 'Remplacée par'],
      ] as const) {
        const numbers = (data[key] ?? []) as string[];
        if (numbers.length === 0) expect(facts.has(term)).toBe(false);
        else expect(linksOf(facts.get(term) ?? '')).toEqual(numbers.map((n) => ({ href: expectedTarget(root, n), text: n })));
      }
    });

    it('links each block equivalence to the other record, and to its own block on the page', () => {
      const correspondences = (data.correspondances ?? []) as Data[];
      if (correspondences.length === 0) return expect(main()).not.toContain('id="correspondances"');
      const rank = new Map(blocksOf(data).map((b) => [b.code as string, b.rank]));
      const [table] = tablesOf(sectionAfter(main(), 'correspondances'));
      expect(table?.caption).not.toBe('');
      expect(table?.rows).toHaveLength(correspondences.length);
      // Rows come grouped by other record: the group's first row names it, in a header cell spanning the group.
      const groups: { fiche: string; rows: Row[] }[] = [];
      for (const row of table?.rows ?? []) {
        if (row.header) groups.push({ fiche: row.header, rows: [] });
        groups.at(-1)?.rows.push(row);
      }
      expect(groups.map((g) => g.fiche)).toEqual([...new Set(correspondences.map((c) => c.fiche as string))]);
      for (const group of groups) {
        const first = group.rows[0]?.html ?? '';
        expect(linksOf(/<th\b[\s\S]*?<\/th>/.exec(first)?.[0] ?? '')).toEqual([
          { href: expectedTarget(root, group.fiche), text: group.fiche },
        ]);
      }
      for (const c of correspondences) {
        const group = groups.find((g) => g.fiche === c.fiche);
        const own = ((c.blocs ?? []) as string[]).map((code) =>
          rank.has(code) ? { href: `#bloc-${rank.get(code)}`, text: `Bloc ${rank.get(code)}` } : code,
        );
        const equivalents = ((c.blocs_equivalents ?? []) as string[]).map(normalise);
        const match = group?.rows.find((row) => {
          const cells = [...row.html.matchAll(/<td\b[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1] ?? '');
          const links = linksOf(cells[0] ?? '');
          const ownOk = own.every((o) =>
            typeof o === 'string' ? visibleText(cells[0] ?? '').includes(o) : links.some((l) => l.href === o.href && l.text === o.text),
          );
          const equivalentsOk = equivalents.every((code) => visibleText(cells[1] ?? '').includes(code));
          return ownOk && equivalentsOk && (own.length > 0 || visibleText(cells[0] ?? '') === '— Non publié');
        });
        expect(match, `a row of ${c.fiche} gives ${JSON.stringify(c)}`).toBeDefined();
      }
    });

    it('links each of its ROME codes to the sheet', () => {
      const links = linksOf(main());
      for (const code of (data.codes_rome ?? []) as string[])
        expect(links).toContainEqual({ href: `/rome/${code.toLowerCase()}/`, text: code });
    });

    it('gives every heading an id, and every anchor of the page a target', () => {
      const headings = [...main().matchAll(/<h([2-6])\b([^>]*)>/g)];
      expect(headings.length).toBeGreaterThan(5);
      for (const [tag, , attributes] of headings) expect(attributes, tag).toMatch(/\bid="[^"]+"/);
      const ids = [...html().matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
      expect(new Set(ids).size).toBe(ids.length);
      for (const { href } of linksOf(main()).filter((l) => l.href.startsWith('#'))) expect(ids).toContain(href.slice(1));
    });

    it('has exactly one h1, no inline style, no event handler and no script but its JSON-LD', () => {
      const text = html();
      expect(text.match(/<h1\b/g)).toHaveLength(1);
      expect(text).not.toMatch(/<[^>]+\sstyle=/i);
      expect(text).not.toMatch(/<[^>]+\son[a-z]+=/i);
      expect([...text.matchAll(/<script\b([^>]*)>/gi)].map((m) => m[1]?.trim())).toEqual(['type="application/ld+json"']);
    });
  });

  it('links RNCP40344 to the official pages of the records it replaces and shares blocks with', () => {
    const links = linksOf(mainOf(page('rncp40344')));
    expect(links).toContainEqual({ href: 'https://www.francecompetences.fr/recherche/rncp/37507/', text: 'RNCP37507' });
    expect(links).toContainEqual({ href: 'https://www.francecompetences.fr/recherche/rncp/37982/', text: 'RNCP37982' });
    expect(links).toContainEqual({ href: '#bloc-4', text: 'Bloc 4' });
  });
});

describe('the hand-transcribed seed RNCP39853', () => {
  const main = () => mainOf(page('rncp39853'));

  it('keeps its texts as written, without the flow-text rendering or an export line', () => {
    expect(main()).not.toContain('class="flow-text"');
    expect(main()).not.toContain('data-origin');
    expect(main()).not.toContain('<details');
  });

  it('keeps its facts, sections and table of contents', () => {
    expect([...definitionsOf(main()).keys()]).toEqual([
      'Statut',
      "Fin de l'enregistrement",
      'Dernier jour pour délivrer la certification',
      'Numéro de fiche',
      'Niveau',
      'Blocs de compétences',
      'Fiches ROME',
    ]);
    expect([...main().matchAll(/<h2 id="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'objectifs',
      'prerequis',
      'blocs',
      'debouches',
      'voies-acces',
      'insertion-titre',
      'metiers',
      'calendriers',
      'badge-statut',
      'sources',
    ]);
    const toc = /<nav class="toc[^"]*"[\s\S]*?<\/nav>/.exec(main())?.[0] ?? '';
    expect(linksOf(toc).map((l) => l.text)).toEqual([
      'Objectifs',
      'Prérequis',
      'Blocs de compétences',
      'Débouchés',
      "Voies d'accès",
      'Insertion',
      'Fiches ROME',
      'Calendriers',
      'Badge',
      'Sources',
    ]);
    expect(tablesOf(main())[0]?.caption).toBe("Voies d'accès à la certification");
  });
});

describe('ROME sheets created from the flow', () => {
  const FROM_FLOW = builtRecords(root, 'rome').filter(({ data }) => data.libelle_source.version === undefined);

  it('are the label-only sheets the imported records cite', () => {
    expect(FROM_FLOW.length).toBeGreaterThanOrEqual(19);
    for (const { data } of FROM_FLOW) expect(data.marche_du_travail).toEqual({ aucune_donnee: true });
  });

  it.each(FROM_FLOW.map((r) => [r.slug, r] as const))(
    '%s names the source of its label without a ROME version, and its citing records',
    (slug, { data }) => {
      const main = mainOf(readPage(dist, `/rome/${slug}/`));
      const text = readable(main);
      expect(text).toContain(
        'Intitulé du ROME, tel que le donne la source : Flux RNCP de France Compétences, qui ne dit pas de quelle version du ROME il vient.',
      );
      expect(text).not.toContain('version undefined');
      expect(text).toContain("Aucun indicateur du marché du travail n'est publié pour ce métier dans la source.");
      const citing = IMPORTED.filter((r) => ((r.data.codes_rome ?? []) as string[]).includes(data.code));
      expect(citing.length).toBeGreaterThan(0);
      for (const r of citing)
        expect(linksOf(main)).toContainEqual({ href: `/certifications/${r.slug}/`, text: normalise(r.data.intitule) });
    },
  );
});

describe('a record of a dated export, no longer in the latest one, with corrections', () => {
  let project: string;
  let main: string;
  const CORRECTED_TITLE = 'Auxiliaire spécialisé vétérinaire (ASV)';

  beforeAll(() => {
    project = copyProject();
    const file = join(project, 'content/certifications/rncp40344.yaml');
    const data = parse(readFileSync(file, 'utf8')) as Data;
    const source = (data.sources as Data[]).find((s) => s.id === FLOW_SOURCE) as Data;
    delete source.remarque;
    source.date_export = '2026-08-16';
    data.intitule = CORRECTED_TITLE;
    data.corrections = [
      { champ: '/intitule', valeur_publiee: 'Auxiliaire spécialisé vétérinaire', motif: "Le sigle figure sur l'arrêté d'enregistrement." },
      { champ: '/blocs/1/intitule', valeur_publiee: 'Contribuer à l’organisation', motif: 'Intitulé tronqué dans le flux.' },
    ];
    data.absente_de_l_export = { date_export: '2026-09-01', source: FLOW_SOURCE };
    writeFileSync(file, `# yaml-language-server: $schema=../../schemas/certification.schema.json\n${stringify(data, { lineWidth: 0 })}`);
    const result = build(project);
    if (result.status !== 0) throw new Error(result.output);
    main = mainOf(readPage(join(project, 'dist'), '/certifications/rncp40344/'));
  }, 180_000);

  afterAll(() => removeProject(project));

  it("dates its data by the export's date, near the top and in the sources", () => {
    expect(elementsWithClass(main, 'p', 'data-origin').map(readable)).toEqual(["Données de l'export du flux RNCP du 16 août 2026."]);
    expect(visibleText(/<li id="source-flux-rncp">[\s\S]*?<\/li>/.exec(main)?.[0] ?? '')).toContain('export du 16 août 2026');
  });

  it('says clearly that the latest export no longer holds it, and links its official page', () => {
    const [note = ''] = elementsWithClass(main, 'p', 'status-note');
    expect(visibleText(note)).toContain(
      "Cette fiche ne figure plus dans l'export du flux RNCP du 1er septembre 2026 : elle est gardée telle qu'elle était.",
    );
    expect(linksOf(note)).toContainEqual({ href: 'https://www.francecompetences.fr/recherche/rncp/40344/', text: 'Sa fiche officielle' });
  });

  it("lists the team's corrections: the field's French title, the published value and the reason", () => {
    expect(readable(main)).toContain("L'équipe a corrigé 2 valeurs publiées par le flux officiel : voir les corrections de l'équipe.");
    const [section = ''] = [...main.matchAll(/<section class="note corrections"[\s\S]*?<\/section>/g)].map((m) => m[0]);
    expect(visibleText(/<h2\b[\s\S]*?<\/h2>/.exec(section)?.[0] ?? '')).toBe("Corrections de l'équipe");
    const items = [...section.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => visibleText(m[1] ?? ''));
    expect(items).toEqual([
      "Intitulé /intitule Valeur publiée : « Auxiliaire spécialisé vétérinaire » Motif : Le sigle figure sur l'arrêté d'enregistrement.",
      'Blocs de compétences n° 2 › Intitulé /blocs/1/intitule Valeur publiée : « Contribuer à l’organisation » Motif : Intitulé tronqué dans le flux.',
    ]);
    expect(visibleText(main)).toContain(CORRECTED_TITLE);
  });
});
