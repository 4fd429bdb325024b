/**
 * The whole-registry downloads of a real build, against the record pages and JSON files of the same
 * build and the YAML of content/ read here with the `yaml` package: every dump holds each record page's
 * record once, as its JSON; every table has one row per item of the YAML, with the YAML's values; the
 * CSV files are what spreadsheets expect (BOM, `;`, CRLF) and their columns are those /donnees/ lists.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { RECORD_KINDS } from '../src/core/kinds/record-kinds.ts';
import type { RecordKindInfo } from '../src/core/kinds/record-kinds.ts';
import { DUMP_PART_TEST_BYTES } from './global-setup.ts';
import { parseCsv } from './helpers/csv.ts';
import { dumpParts } from './helpers/downloads.ts';
import { decodeEntities, visibleText } from './helpers/page-text.ts';
import { publishedSchemas } from './helpers/published-schemas.ts';

type Data = Record<string, any>;

interface ContentRecord {
  registry: 'RNCP' | 'RS' | undefined;
  id: string;
  data: Data;
}

/** The registry of each kind's records, as the tables name it; ROME sheets are in none. */
const REGISTRY_OF: Record<string, 'RNCP' | 'RS' | undefined> = { certifications: 'RNCP', rs: 'RS', rome: undefined };

let root: string;
let dist: string;
let content: Map<string, ContentRecord[]>;

beforeAll(() => {
  dist = inject('siteDist');
  root = dirname(dist);
  content = new Map(
    RECORD_KINDS.map((info) => [
      info.urlSegment,
      readdirSync(join(root, 'content', info.folder))
        .filter((name) => name.endsWith('.yaml'))
        .map((name) => {
          const data = parse(readFileSync(join(root, 'content', info.folder, name), 'utf8')) as Data;
          return { registry: REGISTRY_OF[info.urlSegment], id: String(data[info.idField]), data };
        }),
    ]),
  );
});

/** RNCP9 before RNCP10: by prefix, then by number. */
const byNumber = (a: string, b: string) => {
  const [, pa = '', na = '0'] = /^([A-Z]+)(\d+)$/.exec(a) ?? [];
  const [, pb = '', nb = '0'] = /^([A-Z]+)(\d+)$/.exec(b) ?? [];
  return pa.localeCompare(pb) || Number(na) - Number(nb);
};

/** The record pages of a kind in dist/: /certifications/rncp39853/, not /certifications/niveau/. */
function recordPages(info: RecordKindInfo): string[] {
  const folder = join(dist, info.urlSegment);
  return readdirSync(folder).filter((name) => /^[a-z]+[0-9]+$/.test(name) && existsSync(join(folder, name, 'index.html')));
}

/** The RNCP then RS records of content/. */
const registryRecords = () => [...(content.get('certifications') ?? []), ...(content.get('rs') ?? [])];

/** A table of dist/ as objects keyed by its header, after checking its bytes: BOM, `;`, CRLF. */
function table(name: string): { header: string[]; rows: Record<string, string>[] } {
  const bytes = readFileSync(join(dist, 'api/v1/tables', `${name}.csv`));
  expect([...bytes.subarray(0, 3)], `${name}: UTF-8 BOM`).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8').slice(1);
  expect(text.endsWith('\r\n'), `${name}: CRLF`).toBe(true);
  const [header = [], ...rows] = parseCsv(text, ';');
  expect(header.length, `${name}: several columns, so the separator shows`).toBeGreaterThan(1);
  expect(text.slice(0, text.indexOf('\r\n'))).toBe(header.join(';'));
  return {
    header,
    rows: rows.map((row) => {
      expect(row, `${name}: ${row.join(';')}`).toHaveLength(header.length);
      return Object.fromEntries(header.map((column, i) => [column, row[i] ?? '']));
    }),
  };
}

const yesNo = (value: boolean | undefined) => (value === undefined ? '' : value ? 'oui' : 'non');
const orEmpty = (value: unknown) => (value === undefined ? '' : String(value));

describe('whole-registry downloads of a built site', () => {
  it('publish each record page once in its kind compressed NDJSON dump, by number, equal to its YAML and valid against the published schemas', () => {
    const ajv = publishedSchemas(dist);
    for (const info of RECORD_KINDS) {
      const pages = recordPages(info);
      const records = content.get(info.urlSegment) ?? [];
      expect(pages.sort(), info.kind).toEqual(records.map((r) => r.id.toLowerCase()).sort());
      const parts = dumpParts(dist, info.urlSegment);
      // The shared build cuts parts of a few records: every kind's dump comes in several.
      expect(parts.length, info.kind).toBeGreaterThan(1);
      expect(parts.map((part) => part.file)).toEqual(
        parts.map((_, i) => `api/v1/dumps/${info.urlSegment}${i > 0 ? `-${i + 1}` : ''}.ndjson.gz`),
      );
      const dump: Data[] = [];
      for (const part of parts) {
        const bytes = readFileSync(join(dist, part.file));
        // A gzip file: its magic number, then a text that ends with a line break.
        expect([...bytes.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
        const ndjson = gunzipSync(bytes).toString('utf8');
        expect(ndjson.endsWith('\n')).toBe(true);
        const records = ndjson
          .slice(0, -1)
          .split('\n')
          .map((line) => JSON.parse(line) as Data);
        // The list says what each part holds; a part takes more than its limit only when its one record does.
        expect([records.length, String(records[0]?.[info.idField]), String(records.at(-1)?.[info.idField])], part.file).toEqual([
          part.records,
          part.first,
          part.last,
        ]);
        if (records.length > 1) expect(bytes.length, part.file).toBeLessThanOrEqual(DUMP_PART_TEST_BYTES);
        dump.push(...records);
      }
      const ids = dump.map((record) => String(record[info.idField]));
      expect(ids, info.kind).toEqual([...ids].sort(byNumber));
      expect(ids.map((id) => id.toLowerCase()).sort()).toEqual(pages.sort());
      const validate = ajv.getSchema(info.schemaFile);
      expect(validate, info.schemaFile).toBeDefined();
      dump.forEach((record, i) => {
        expect(record, ids[i]).toStrictEqual(records.find((r) => r.id === ids[i])?.data);
        expect(validate?.(record) ? [] : validate?.errors, ids[i]).toEqual([]);
      });
    }
  });

  it('give each RNCP and RS record page exactly one row of certifications.csv, with its YAML values', () => {
    const { rows } = table('certifications');
    const pages = RECORD_KINDS.filter((info) => REGISTRY_OF[info.urlSegment]).flatMap((info) => recordPages(info));
    expect(rows.map((r) => r.numero.toLowerCase()).sort()).toEqual(pages.sort());
    const reference = String(JSON.parse(readFileSync(join(dist, 'build.json'), 'utf8')).reference_date ?? '');
    for (const { registry, id, data } of registryRecords()) {
      const row = rows.find((r) => r.numero === id);
      expect(row, id).toEqual(
        expect.objectContaining({
          registre: registry,
          intitule: data.intitule,
          niveau: orEmpty(data.niveau?.code),
          etat_fiche: orEmpty(data.etat_fiche),
          actif: yesNo(data.actif),
          date_effet: orEmpty(data.enregistrement.date_effet),
          date_fin: orEmpty(data.enregistrement.date_fin),
          date_limite_delivrance: orEmpty(data.enregistrement.date_limite_delivrance),
          statut_au: reference,
          absente_de_l_export: yesNo(data.absente_de_l_export !== undefined),
        }),
      );
      // The status is the one the pages give: the record is in the list of its status.
      if (!reference) expect(row?.statut, id).toBe('');
      else
        expect(readFileSync(join(dist, 'certifications/statut', row?.statut ?? '?', 'index.html'), 'utf8'), id).toContain(
          `/${id.toLowerCase()}/"`,
        );
    }
  });

  it('give one row per block, ROME code, certifier and partner of the YAML, in its order', () => {
    const expected = {
      blocs: registryRecords().flatMap(({ id, data }) =>
        ((data.blocs ?? []) as Data[]).map((b, i) => ({
          numero_fiche: id,
          code: orEmpty(b.code),
          rang: String(b.numero ?? i + 1),
          intitule: b.intitule,
          optionnel: yesNo(b.optionnel),
        })),
      ),
      rome: registryRecords().flatMap(({ id, data }) =>
        ((data.codes_rome ?? []) as string[]).map((code) => ({ numero_fiche: id, code_rome: code })),
      ),
      certificateurs: registryRecords().flatMap(({ id, data }) =>
        ((data.certificateurs ?? []) as Data[]).map((c) => ({
          numero_fiche: id,
          siret: orEmpty(c.siret),
          nom: c.nom,
          etat: orEmpty(c.etat),
        })),
      ),
      partenaires: registryRecords().flatMap(({ id, data }) =>
        ((data.partenaires ?? []) as Data[]).map((p) => ({
          numero_fiche: id,
          siret: orEmpty(p.siret),
          nom: p.nom,
          habilitation: orEmpty(p.habilitation),
          etat_habilitation: orEmpty(p.etat_habilitation),
        })),
      ),
    };
    for (const [name, rows] of Object.entries(expected)) {
      expect(rows.length, `${name} in content/`).toBeGreaterThan(0);
      const published = table(name).rows;
      expect(published, name).toHaveLength(rows.length);
      // Rows of one record are in its order; records come by number.
      const sorted = [...rows].sort((a, b) => byNumber(a.numero_fiche, b.numero_fiche));
      published.forEach((row, i) => expect(row, `${name} row ${i + 1}`).toEqual(expect.objectContaining(sorted[i])));
    }
  });

  it('give each lineage link once, with the record(s) that list it, from either side', () => {
    const links = new Map<string, { ancienne: string; nouvelle: string; byOld: boolean; byNew: boolean }>();
    const link = (old: string, next: string) =>
      links.get(`${old}>${next}`) ?? { ancienne: old, nouvelle: next, byOld: false, byNew: false };
    for (const { id, data } of registryRecords()) {
      for (const old of (data.anciennes_certifications ?? []) as string[]) links.set(`${old}>${id}`, { ...link(old, id), byNew: true });
      for (const next of (data.nouvelles_certifications ?? []) as string[]) links.set(`${id}>${next}`, { ...link(id, next), byOld: true });
    }
    const expected = [...links.values()].map((l) => ({
      ancienne: l.ancienne,
      nouvelle: l.nouvelle,
      publiee_par: l.byOld && l.byNew ? 'les_deux' : l.byOld ? 'ancienne' : 'nouvelle',
    }));
    expect(
      expected.some((l) => l.publiee_par === 'les_deux'),
      'content/ has a link both records list',
    ).toBe(true);
    const key = (l: Record<string, string>) => `${l.ancienne}>${l.nouvelle}>${l.publiee_par}`;
    expect(table('filiations').rows.map(key).sort()).toEqual(expected.map(key).sort());
  });

  it('give each block equivalence once, whichever record publishes it', () => {
    const side = (id: string, blocks: string[] | undefined) => `${id}:${[...(blocks ?? [])].sort().join(',')}`;
    const stated = registryRecords().flatMap(({ id, data }) =>
      ((data.correspondances ?? []) as Data[]).map((c) => ({ from: side(id, c.blocs), to: side(c.fiche, c.blocs_equivalents) })),
    );
    expect(stated.length, 'content/ has equivalences').toBeGreaterThan(0);
    const expected = new Map<string, string>();
    for (const { from, to } of stated) {
      const both = stated.some((s) => s.from === to && s.to === from);
      expected.set([from, to].sort().join(' = '), both ? 'les_deux' : 'fiche');
    }
    const published = table('correspondances').rows.map((r) => {
      const blocks = (text: string) => (text === '' ? [] : text.split(', '));
      return [[side(r.fiche, blocks(r.blocs)), side(r.autre_fiche, blocks(r.blocs_equivalents))].sort().join(' = '), r.publiee_par];
    });
    expect(published.length).toBe(expected.size);
    expect(new Map(published as [string, string][])).toEqual(expected);
  });

  it('have the columns /donnees/ lists for them, and /donnees/ links every download', () => {
    const html = readFileSync(join(dist, 'donnees/index.html'), 'utf8');
    const links = new Set([...html.matchAll(/\shref="([^"]*)"/g)].map((m) => decodeEntities(m[1] ?? '')));
    for (const name of readdirSync(join(dist, 'api/v1/tables'))) {
      expect(links, name).toContain(`/api/v1/tables/${name}`);
      const caption = `Colonnes de ${name}`;
      const section = new RegExp(`<table>\\s*<caption[^>]*>${caption.replace(/\./g, '\\.')}</caption>([\\s\\S]*?)</table>`).exec(html);
      expect(section, caption).not.toBeNull();
      const columns = [...(section?.[1] ?? '').matchAll(/<th scope="row">([\s\S]*?)<\/th>/g)].map((m) => visibleText(m[1] ?? ''));
      expect(table(name.replace(/\.csv$/, '')).header, name).toEqual(columns);
    }
    for (const name of readdirSync(join(dist, 'api/v1/dumps'))) expect(links, name).toContain(`/api/v1/dumps/${name}`);
    expect(readdirSync(join(dist, 'api/v1/dumps')).length).toBeGreaterThan(RECORD_KINDS.length + 1);
    expect(links).toContain('/api/v1/openapi.json');
  });
});
