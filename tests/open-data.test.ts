/**
 * The open data of a real build, record by record: the catalogue, the CSV of each chart (held by its
 * link on the record's page), the YAML source's path, and the schemas, each checked against content/ and
 * schemas/ directly (the expected figures are read from the YAML here, not through the site's own
 * table code). The whole-registry dumps and tables are tests/registry-downloads.test.ts's.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { RECORD_KINDS } from '../src/core/kinds/record-kinds.ts';
import type { RecordKind } from '../src/core/kinds/record-kinds.ts';
import { parseCsv } from './helpers/csv.ts';
import { csvLinksOf, dumpParts } from './helpers/downloads.ts';
import { SCHEMA_FILES } from './helpers/published-schemas.ts';

type Data = Record<string, any>;
type Value = number | { aucune_donnee: true };

interface ContentRecord {
  kind: RecordKind;
  folder: string;
  schemaFile: string;
  id: string;
  file: string;
  data: Data;
}

/** A table as the CSV must hold it: the category labels are the site's, the figures come from the YAML. */
interface ExpectedTable {
  id: string;
  period?: string;
  rows: (number | null)[][];
}

const figure = (value: Value | undefined): number | null => (typeof value === 'number' ? value : null);

let root: string;
let dist: string;
let records: ContentRecord[];

beforeAll(() => {
  // The site built once for the whole run by tests/global-setup.ts, in a copy of the project.
  dist = inject('siteDist');
  root = dirname(dist);
  records = RECORD_KINDS.flatMap((info) =>
    readdirSync(join(root, 'content', info.folder))
      .filter((name) => name.endsWith('.yaml'))
      .map((name) => {
        const file = join('content', info.folder, name);
        return {
          kind: info.kind,
          folder: info.folder,
          schemaFile: info.schemaFile,
          id: name.slice(0, -'.yaml'.length),
          file,
          data: parse(readFileSync(join(root, file), 'utf8')) as Data,
        };
      }),
  );
});

const distFile = (path: string) => join(dist, path);
const readJson = (path: string): Data => JSON.parse(readFileSync(distFile(path), 'utf8')) as Data;

/** Where a site address lands in dist/: pages are folders with an index.html. */
function builtFileOf(url: string): string {
  return distFile(url.endsWith('/') ? `${url}index.html` : url);
}

/** The tables each kind of record must publish as CSV, straight from its YAML; a kind left out does not compile. */
const EXPECTED_TABLES: Record<RecordKind, (data: Data) => ExpectedTable[]> = {
  // The years that publish a rate, newest first (the flow lists its years in no order); none, no table.
  certification: (data) => {
    const stats = ((data.statistiques_promotions ?? []) as Data[])
      .filter((s) => s.taux_insertion_6_mois !== undefined || s.taux_insertion_2_ans !== undefined)
      .sort((a, b) => b.annee - a.annee);
    if (stats.length === 0) return [];
    return [{ id: 'insertion', rows: stats.map((s) => [figure(s.taux_insertion_6_mois), figure(s.taux_insertion_2_ans)]) }];
  },
  rome: (data) => {
    const market = data.marche_du_travail as Data;
    if (market.aucune_donnee) return [];
    return [
      {
        id: 'salaires',
        period: market.salaires_offres.periode,
        rows: (market.salaires_offres.tranches as Data[]).map((t) => [t.part_offres]),
      },
      ...Object.entries(market.repartitions as Record<string, Data>).map(([id, table]) => ({
        id,
        period: table.periode as string,
        rows: (table.lignes as Data[]).map((l) => [figure(l.demandeurs_emploi), figure(l.offres_emploi)]),
      })),
    ];
  },
  // The RS publishes no rates to chart: its promotion counts are a table on its page.
  rs: () => [],
};

function expectedTables(record: ContentRecord): ExpectedTable[] {
  return EXPECTED_TABLES[record.kind](record.data);
}

/** The CSV downloads a record page links, by file name. */
function pageCsvLinks(record: ContentRecord): Map<string, string> {
  return csvLinksOf(readFileSync(builtFileOf(`/${record.folder}/${record.id}/`), 'utf8'));
}

describe('open data of a built site', () => {
  it('publishes no file per record: only the catalogue, the API description, the dumps and the tables under api/v1/', () => {
    expect(existsSync(distFile('sources'))).toBe(false);
    expect(readdirSync(distFile('api/v1')).sort()).toEqual(['dumps', 'index.json', 'openapi.json', 'tables']);
    // Each kind's dump, in the parts the list names, and the list.
    const parts = RECORD_KINDS.flatMap((k) => dumpParts(distFile(''), k.urlSegment).map((part) => part.file.split('/').pop()));
    expect(readdirSync(distFile('api/v1/dumps')).sort()).toEqual([...parts, 'index.json'].sort());
    for (const k of RECORD_KINDS) expect(parts).toContain(`${k.urlSegment}.ndjson.gz`);
  });

  it('lists every record in api/v1/index.json, with its page, schema and YAML file', () => {
    const catalogue = readJson('api/v1/index.json');
    if ('generated_from' in catalogue) expect(catalogue.generated_from.commit_date).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const listed = catalogue.records as Data[];
    expect(listed.map((r) => `${r.kind}/${r.id}`).sort()).toEqual(records.map((r) => `${r.kind}/${r.id}`).sort());
    for (const item of listed) {
      const record = records.find((r) => r.kind === item.kind && r.id === item.id) as ContentRecord;
      expect(item.title).toBe(record.data.intitule);
      expect(item.page).toBe(`/${record.folder}/${record.id}/`);
      expect(item.source_file).toBe(record.file);
      expect(existsSync(join(root, item.source_file as string)), item.source_file).toBe(true);
      // The shared build is not told where the repository is.
      expect(item).not.toHaveProperty('source_url');
      expect(item.schema).toBe(`/schemas/${record.schemaFile}`);
      for (const url of [item.page, item.schema]) expect(existsSync(builtFileOf(url)), url).toBe(true);
    }
  });

  it("gives each record page its YAML file's path", () => {
    for (const record of records) {
      const html = readFileSync(builtFileOf(`/${record.folder}/${record.id}/`), 'utf8');
      expect(html, record.file).toContain(`<code>${record.file}</code>`);
    }
  });

  it('offers the CSV of each chart from its page, with the figures of the content', () => {
    for (const record of records) {
      const tables = expectedTables(record);
      const links = pageCsvLinks(record);
      expect([...links.keys()].sort(), record.file).toEqual(tables.map((t) => `${record.id}-${t.id}.csv`).sort());
      for (const table of tables) {
        const text = links.get(`${record.id}-${table.id}.csv`) ?? '';
        expect(text.charCodeAt(0), 'BOM').toBe(0xfeff);
        const [header, ...rows] = parseCsv(text.slice(1), ',');
        const width = table.rows[0].length + 3;
        expect(header.slice(-2)).toEqual(['periode', 'source']);
        expect(header).toHaveLength(width);
        expect(rows).toHaveLength(table.rows.length);
        rows.forEach((row, i) => {
          expect(row).toHaveLength(width);
          const figures = row.slice(1, -2).map((cell) => (cell === '' ? null : Number(cell)));
          expect(figures, `${record.id}/${table.id} row ${i + 1}`).toEqual(table.rows[i]);
          expect(row.at(-2)).toBe(table.period ?? row[0]);
          expect(row.at(-1)).not.toBe('');
        });
      }
    }
  });

  it('publishes the schemas byte for byte, side by side so their relative references resolve', () => {
    expect(readdirSync(distFile('schemas')).sort()).toEqual([...SCHEMA_FILES].sort());
    for (const name of SCHEMA_FILES) {
      expect(readFileSync(distFile(`schemas/${name}`)).equals(readFileSync(join(root, 'schemas', name))), name).toBe(true);
    }
  });
});
