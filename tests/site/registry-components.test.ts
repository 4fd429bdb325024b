/**
 * The two components record pages can show (not inserted yet): BadgeEmbed (the badge and the code to
 * embed it) and CalendarLinks (the calendars that concern a record). Rendered with Astro's container
 * API; CalendarLinks reads the registry of a small hand-made build (registryView is replaced, the rest
 * of src/site/calendars.ts runs as in a build) and must link only the calendars that build writes.
 */
import { experimental_AstroContainer } from 'astro/container';
import { HtmlValidate } from 'html-validate';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import BadgeEmbed from '../../src/components/registry/BadgeEmbed.astro';
import CalendarLinks from '../../src/components/registry/CalendarLinks.astro';
import { facetValues } from '../../src/core/registry/facets.ts';
import { indexRegistry } from '../../src/core/registry/registry-index.ts';
import type { RegistryFacts } from '../../src/core/registry/registry-facts.ts';
import { summarize } from '../../src/site/listing.ts';
import type * as Registry from '../../src/site/registry.ts';
import type { RegistryView } from '../../src/site/registry.ts';
import { decodeEntities, linksOf, visibleText } from '../helpers/page-text.ts';
import { registryFacts } from '../helpers/registry-facts.ts';

const REFERENCE = '2026-12-01';

function record(id: string, validity: RegistryFacts['validity'], certifiers: RegistryFacts['certifiers'], nsf: string[]): RegistryFacts {
  return registryFacts(id, { validity, certifiers, nsf: nsf.map((code) => ({ code, label: `Domaine ${code}` })) });
}

const SCHOOL = { siret: '11111111111111', name: 'École A', state: 'Actif' };
const OLD_SCHOOL = { siret: '22222222222222', name: 'École B', state: 'Actif' };
const NO_SIRET = { siret: undefined, name: 'Organisme sans SIRET', state: undefined };
const FACTS = [
  // Dated, with a certifier without SIRET and a code no other record has.
  record('RNCP100', { endDate: '2028-03-28', lastAwardDate: '2029-03-28' }, [SCHOOL, NO_SIRET], ['326t', '320m']),
  // No date at all; its certifier and code have RNCP100's deadlines.
  record('RNCP200', { etatFiche: 'Publiée' }, [SCHOOL], ['326t']),
  // Ended in 2024, more than a year before the reference date: its certifier and code have no calendar.
  record('RS300', { endDate: '2024-05-24' }, [OLD_SCHOOL], ['114b']),
];

/** The registry of the hand-made build, as src/site/registry.ts would gather it. */
function view(): RegistryView {
  const summaries = FACTS.map((f) => summarize(f, REFERENCE));
  const items = summaries.map((summary) => ({ facts: summary.facts, status: summary.validity?.status, summary }));
  const facets = new Map(
    [...facetValues(items)].map(([key, values]) => [
      key,
      values.map(({ value, records }) => ({ value, records: records.map((r) => r.summary) })),
    ]),
  );
  return { facts: FACTS, index: indexRegistry(FACTS), reference: REFERENCE, summaries, facets };
}

// Hoisted above the imports: the view is made when a component first asks for it.
vi.mock('../../src/site/registry.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof Registry>()),
  registryView: () => Promise.resolve(view()),
}));

const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
async function expectValid(fragment: string): Promise<void> {
  const report = await validator.validateString(
    `<!DOCTYPE html><html lang="fr"><head><title>t</title></head><body><main>${fragment}</main></body></html>`,
  );
  expect(report.results.flatMap((r) => r.messages.map((m) => `${m.message} [${m.ruleId}]`))).toEqual([]);
}

let container: experimental_AstroContainer;
beforeAll(async () => {
  container = await experimental_AstroContainer.create({ astroConfig: { site: 'https://exemple.org' } });
});

describe('BadgeEmbed', () => {
  it('shows the badge and gives HTML and Markdown that link the badge, with alternative text, to the record page', async () => {
    const html = await container.renderToString(BadgeEmbed, { props: { kind: 'rs', id: 'RS5000' } });
    await expectValid(html);
    expect(decodeEntities(html)).toContain('<img src="/badges/rs5000.svg" alt="Statut d\'enregistrement de RS5000"');
    const codes = [...html.matchAll(/<pre\b[^>]*><code\b[^>]*>([\s\S]*?)<\/code><\/pre>/g)].map((m) => decodeEntities(m[1] ?? ''));
    expect(codes).toHaveLength(2);
    const [snippet, markdown] = codes as [string, string];
    // The HTML snippet is itself valid HTML: a link to the page around the badge, with its alt text.
    await expectValid(snippet);
    expect(linksOf(snippet)).toEqual([{ href: 'https://exemple.org/rs/rs5000/', text: '' }]);
    expect(snippet).toContain('<img src="https://exemple.org/badges/rs5000.svg" alt="Statut d\'enregistrement de RS5000">');
    expect(markdown).toBe("[![Statut d'enregistrement de RS5000](https://exemple.org/badges/rs5000.svg)](https://exemple.org/rs/rs5000/)");
  });

  it('addresses RNCP records under /certifications/', async () => {
    const html = decodeEntities(await container.renderToString(BadgeEmbed, { props: { kind: 'certification', id: 'RNCP39853' } }));
    expect(html).toContain('<a href="https://exemple.org/certifications/rncp39853/"><img src="https://exemple.org/badges/rncp39853.svg"');
  });
});

describe('CalendarLinks', () => {
  const links = async (facts: RegistryFacts) => {
    const html = await container.renderToString(CalendarLinks, { props: { facts } });
    await expectValid(html);
    return { html, links: linksOf(html).map((l) => [l.href, l.text]) };
  };

  it("links a dated record's certifiers' calendars (those with a SIRET), its NSF codes' and the registry's, none of its own", async () => {
    const { html, links: found } = await links(FACTS[0]!);
    expect(found).toEqual([
      ['/calendriers/certificateurs/11111111111111.ics', 'Certificateur École A'],
      ['/calendriers/nsf/326t.ics', 'Domaine NSF 326t Domaine 326t'],
      ['/calendriers/nsf/320m.ics', 'Domaine NSF 320m Domaine 320m'],
      ['/calendriers/registre.ics', 'Toutes les certifications du RNCP et du Répertoire spécifique'],
    ]);
    expect(visibleText(html)).toContain('avec le site. Les calendriers de plusieurs certifications commencent le 1er décembre 2025');
    expect(html).toContain('<time datetime="2025-12-01"');
  });

  it('links, for a record without a date, the calendars of its certifier and code, which other records date', async () => {
    expect((await links(FACTS[1]!)).links.map(([href]) => href)).toEqual([
      '/calendriers/certificateurs/11111111111111.ics',
      '/calendriers/nsf/326t.ics',
      '/calendriers/registre.ics',
    ]);
  });

  it('has no calendar of a certifier or code whose deadlines all passed over a year ago', async () => {
    expect((await links(FACTS[2]!)).links.map(([href]) => href)).toEqual(['/calendriers/registre.ics']);
  });
});
