/**
 * The readers' registry in the shared build (tests/global-setup.ts, statuses at a fixed date): every
 * record's status against its dates, lineage and equivalences on both records, certifiers' pages, the
 * lists by facet, « Échéances », and record pages that carry no unrelated record. Expectations come from
 * the YAML files, the build's reference date and rules restated here from the issue, never from the pages' code.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { formatDate } from '../src/core/text/french.ts';
import {
  builtRecords,
  decodeEntities,
  definitionsOf,
  linksOf,
  mainOf,
  normalise,
  readPage as readBuiltPage,
  visibleText,
} from './helpers/page-text.ts';
import type { Data } from './helpers/page-text.ts';
import { expectedStatus as expectedStatusAt, referenceDateOf, sixMonthsAfter } from './helpers/expected-validity.ts';

const dist = inject('siteDist');
const root = dirname(dist);
const readPage = (path: string) => readBuiltPage(dist, path);
const REFERENCE = referenceDateOf(dist);

interface Entry {
  id: string;
  slug: string;
  data: Data;
  page: string;
}
const RECORDS: Entry[] = [
  ...builtRecords(root, 'certifications').map((r) => ({ ...r, page: `/certifications/${r.slug}/` })),
  ...builtRecords(root, 'rs').map((r) => ({ ...r, page: `/rs/${r.slug}/` })),
];
const byId = new Map(RECORDS.map((r) => [r.id, r]));

const expectedStatus = (data: Data) => expectedStatusAt(data, REFERENCE);

describe('validity', () => {
  it('is computed at the fixed date the shared build was given', () => {
    expect(REFERENCE).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('gives the bundled records several statuses at that date, so the checks below mean something', () => {
    expect(new Set(RECORDS.map((r) => expectedStatus(r.data))).size).toBeGreaterThanOrEqual(3);
  });

  it.each(RECORDS)("states $id's status, end of registration and last award date on its page", ({ page, data }) => {
    const facts = definitionsOf(mainOf(readPage(page)));
    const status = expectedStatus(data);
    expect(normalise(visibleText(facts.get('Statut') ?? ''))).toContain(`${status} au ${normalise(formatDate(REFERENCE))}`);
    const end = normalise(visibleText(facts.get("Fin de l'enregistrement") ?? ''));
    expect(end).toContain(normalise(formatDate(data.enregistrement.date_fin)));
    expect(end).toMatch(data.enregistrement.date_fin >= REFERENCE ? /\(dans .+\)|aujourd'hui/ : /\(il y a .+\)/);
    const award = normalise(visibleText(facts.get('Dernier jour pour délivrer la certification') ?? ''));
    expect(award).toContain(
      data.enregistrement.date_limite_delivrance ? normalise(formatDate(data.enregistrement.date_limite_delivrance)) : 'Non publié',
    );
  });

  it.each(RECORDS)('gives $id the same status in its search filter, its JSON-LD and its list', ({ id, page, data }) => {
    const html = readPage(page);
    const status = expectedStatus(data);
    const filters = [...html.matchAll(/data-pagefind-filter="([^"]*)"/g)].map((m) => decodeEntities(m[1] ?? ''));
    expect(filters).toContain(`Statut:${status}`);
    const ld = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '{}');
    expect(ld.creativeWorkStatus).toBe(status);
    const slug = {
      Enregistrée: 'enregistree',
      "Fin d'enregistrement proche": 'fin-proche',
      'Modifications à valider': 'a-valider',
      'Enregistrement terminé': 'terminee',
      'Retirée du répertoire': 'retiree',
    }[status ?? ''];
    const list = linksOf(mainOf(readPage(`/certifications/statut/${slug}/`))).map((l) => l.text);
    expect(list).toContain(normalise(data.intitule));
    expect(visibleText(mainOf(readPage(`/certifications/statut/${slug}/`)))).toContain(id);
  });
});

describe('lineage, both ways', () => {
  const lineageLinks = (page: string, term: string) => linksOf(definitionsOf(mainOf(readPage(page))).get(term) ?? '');

  it('shows RS5000 → RS6604 on both records, each with the page of what changed', () => {
    expect(byId.get('RS5000')?.data.nouvelles_certifications).toContain('RS6604');
    for (const [page, term, other] of [
      ['/rs/rs5000/', 'Remplacée par', 'RS6604'],
      ['/rs/rs6604/', 'Remplace', 'RS5000'],
    ]) {
      const links = lineageLinks(page, term);
      expect(links).toContainEqual({ href: `/rs/${other.toLowerCase()}/`, text: other });
      expect(links).toContainEqual({ href: '/filiations/rs5000-rs6604/', text: 'ce qui a changé' });
    }
  });

  it('shows a link only one record lists on the other record too', () => {
    for (const record of RECORDS) {
      for (const [key, mirrorTerm] of [
        ['nouvelles_certifications', 'Remplace'],
        ['anciennes_certifications', 'Remplacée par'],
      ] as const) {
        for (const other of (record.data[key] ?? []) as string[]) {
          const here = byId.get(other);
          if (!here) continue;
          expect(
            lineageLinks(here.page, mirrorTerm).map((l) => l.text),
            `${other} › ${mirrorTerm}`,
          ).toContain(record.id);
        }
      }
    }
  });

  it('links a successor that is not published here to its official page: RNCP34762 → RNCP39568', () => {
    expect(byId.has('RNCP39568')).toBe(false);
    expect(lineageLinks('/certifications/rncp34762/', 'Remplacée par')).toContainEqual({
      href: 'https://www.francecompetences.fr/recherche/rncp/39568/',
      text: 'RNCP39568',
    });
  });

  it('says on the comparison page what changed between RS5000 and RS6604', () => {
    const main = mainOf(readPage('/filiations/rs5000-rs6604/'));
    const text = visibleText(main);
    expect(linksOf(main)).toEqual(
      expect.arrayContaining([
        { href: '/rs/rs5000/', text: 'RS5000' },
        { href: '/rs/rs6604/', text: 'RS6604' },
      ]),
    );
    const routes = (id: string) => byId.get(id)?.data.voies_acces as Record<string, { ouverte: boolean }>;
    for (const [key, label] of [
      ['vae', "validation des acquis de l'expérience (VAE) › voie ouverte"],
      ['candidature_individuelle', 'candidature individuelle › voie ouverte'],
    ]) {
      const yes = (open: boolean) => (open ? 'oui' : 'non');
      if (routes('RS5000')[key].ouverte !== routes('RS6604')[key].ouverte)
        expect(text).toContain(`${label} : ${yes(routes('RS5000')[key].ouverte)} → ${yes(routes('RS6604')[key].ouverte)}`);
    }
    const formacodes = (id: string) => ((byId.get(id)?.data.formacodes ?? []) as Data[]).map((f) => f.code as string);
    for (const code of formacodes('RS6604').filter((c) => !formacodes('RS5000').includes(c)))
      expect(text).toContain(`formacode ${code} — ajout`);
    expect(readdirSync(join(dist, 'filiations')).filter((name) => name.includes('-'))).toEqual(['rs5000-rs6604']);
  });
});

describe('block equivalences, both ways', () => {
  it('lists every equivalence a record publishes, linked to the other record', () => {
    for (const record of RECORDS.filter((r) => r.data.correspondances)) {
      const main = mainOf(readPage(record.page));
      const links = linksOf(main);
      for (const c of record.data.correspondances as Data[]) {
        expect(links.map((l) => l.text)).toContain(c.fiche);
        for (const code of (c.blocs_equivalents ?? []) as string[]) expect(visibleText(main)).toContain(code);
      }
    }
  });

  it("shows each equivalence on the other record too, linked to this record's block, when both are here", () => {
    for (const record of RECORDS) {
      for (const c of (record.data.correspondances ?? []) as Data[]) {
        const other = byId.get(c.fiche);
        if (!other) continue;
        const main = mainOf(readPage(other.page));
        for (const code of (c.blocs ?? []) as string[]) {
          const rank = ((record.data.blocs ?? []) as Data[]).findIndex((b) => b.code === code) + 1;
          expect(linksOf(main)).toContainEqual({ href: `${record.page}#bloc-${rank}`, text: code });
        }
      }
    }
  });
});

describe('certifiers', () => {
  const sirets = new Map<string, Set<string>>();
  for (const record of RECORDS)
    for (const c of (record.data.certificateurs ?? []) as Data[])
      if (c.siret) sirets.set(c.siret, new Set([...(sirets.get(c.siret) ?? []), record.id]));

  it('has a page per SIRET listing every record that names it, registered ones first', () => {
    expect(sirets.size).toBeGreaterThan(3);
    for (const [siret, ids] of sirets) {
      const main = mainOf(readPage(`/certificateurs/${siret}/`));
      const listed = linksOf(main)
        .map((l) => l.href)
        .filter((href) => /^\/(certifications|rs)\/[a-z]+\d+\/$/.test(href));
      expect(new Set(listed)).toEqual(new Set([...ids].map((id) => byId.get(id)?.page)));
      const registered = listed.map((href) => {
        const record = RECORDS.find((r) => r.page === href);
        return ['Enregistrée', "Fin d'enregistrement proche", 'Modifications à valider'].includes(expectedStatus(record?.data ?? {}) ?? '');
      });
      expect(registered).toEqual([...registered].sort((a, b) => Number(b) - Number(a)));
    }
  });

  it('links each certifier of a record page to its page, and lists every certifier', () => {
    const all = linksOf(mainOf(readPage('/certificateurs/'))).map((l) => l.href);
    for (const siret of sirets.keys()) expect(all).toContain(`/certificateurs/${siret}/`);
    for (const record of RECORDS)
      for (const c of (record.data.certificateurs ?? []) as Data[])
        if (c.siret) expect(linksOf(mainOf(readPage(record.page))).map((l) => l.href)).toContain(`/certificateurs/${c.siret}/`);
  });
});

describe('lists by facet and « Échéances »', () => {
  const listed = (path: string) => {
    const ids: string[] = [];
    for (let n = 1; existsSync(join(dist, path, n === 1 ? '' : String(n), 'index.html')); n++)
      ids.push(...linksOf(mainOf(readPage(n === 1 ? path : `${path}${n}/`))).map((l) => l.href));
    return ids;
  };

  it('lists each record under its registry, level, NSF codes, Formacodes and open access routes', () => {
    for (const record of RECORDS) {
      const { data } = record;
      const paths = [
        `/certifications/repertoire/${record.id.startsWith('RS') ? 'rs' : 'rncp'}/`,
        ...(record.id.startsWith('RNCP') ? [`/certifications/niveau/${(data.niveau?.code ?? 'non-publie').toLowerCase()}/`] : []),
        ...((data.codes_nsf ?? []) as Data[]).map((n) => `/certifications/nsf/${String(n.code).toLowerCase()}/`),
        ...((data.formacodes ?? []) as Data[]).map((f) => `/certifications/formacode/${f.code}/`),
        ...Object.entries(data.voies_acces as Data)
          .filter(([, route]) => (typeof route === 'boolean' ? route : route.ouverte))
          .map(([key]) => `/certifications/voie/${key.replace(/_/g, '-')}/`),
      ];
      for (const path of paths) expect(listed(path), path).toContain(record.page);
    }
  });

  it('lists in « Échéances » exactly the registrations ending within six months, soonest first', () => {
    const ending = RECORDS.filter(
      (r) => r.data.enregistrement.date_fin >= REFERENCE && r.data.enregistrement.date_fin <= sixMonthsAfter(REFERENCE),
    )
      .filter((r) => !/Dépubliée|Archivée/.test(r.data.etat_fiche ?? ''))
      .sort((a, b) => a.data.enregistrement.date_fin.localeCompare(b.data.enregistrement.date_fin));
    expect(ending.length).toBeGreaterThan(0);
    expect(listed('/echeances/').filter((href) => /^\/(certifications|rs)\//.test(href))).toEqual(ending.map((r) => r.page));
  });
});

describe('record pages', () => {
  it('carry no other record than those they link to', () => {
    for (const record of RECORDS) {
      const html = readPage(record.page);
      const linked = new Set(linksOf(mainOf(html)).map((l) => l.text));
      for (const other of RECORDS) {
        if (other.id === record.id || linked.has(other.id)) continue;
        expect(html, `${record.id} mentions ${other.id}`).not.toContain(other.id);
      }
    }
  });
});
