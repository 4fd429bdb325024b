/**
 * Where a record's data comes from (src/site/flow-facts.ts and the DataOrigin note under a record's
 * title): the exports of the official flow among its sources, their date or remark, a record the
 * latest export no longer holds, and how a corrected value of the flow is written.
 */
import { experimental_AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it } from 'vitest';
import DataOrigin from '../../src/components/DataOrigin.astro';
import type { AbsenceExport, Source } from '../../src/core/schemas/types.generated.ts';
import { asSentence, flowExportsOf, isFromFlow, publishedValueText } from '../../src/site/flow-facts.ts';

const RNCP: Source = {
  id: 'flux-rncp',
  intitule: 'France Compétences, export des fiches du RNCP',
  intitule_court: 'Flux RNCP de France Compétences',
  date_export: '2026-08-16',
};
const UNDATED_RS: Source = {
  id: 'flux-rs',
  intitule: 'France Compétences, export des fiches du RS',
  remarque: 'Export sans date dans son nom de fichier',
};
const PAGE: Source = { id: 'page-source', intitule: 'Page publique de la certification', remarque: 'Transcrite sans correction.' };

/** Text of an HTML fragment: tags dropped, whitespace and no-break spaces collapsed, no space before a period. */
const text = (html: string) =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .replace(/ ([.,])/g, '$1')
    .trim();

describe('flowExportsOf and isFromFlow', () => {
  it("finds the import's source entries by their ids, and any source dated by its export", () => {
    expect(flowExportsOf([PAGE, RNCP, UNDATED_RS])).toEqual([
      { id: 'flux-rncp', name: 'flux RNCP', date: '2026-08-16', remarque: undefined },
      { id: 'flux-rs', name: 'flux RS', date: undefined, remarque: 'Export sans date dans son nom de fichier' },
    ]);
    expect(flowExportsOf([{ ...PAGE, intitule_court: 'Page publique', date_export: '2026-01-02' }])).toEqual([
      { id: 'page-source', name: 'Page publique', date: '2026-01-02', remarque: 'Transcrite sans correction.' },
    ]);
    expect(flowExportsOf([PAGE])).toEqual([]);
  });

  it('tells an imported record from a hand transcription', () => {
    expect(isFromFlow([PAGE, RNCP])).toBe(true);
    expect(isFromFlow([PAGE])).toBe(false);
  });
});

describe('publishedValueText', () => {
  it('writes a published value the way pages write values', () => {
    expect(publishedValueText('Auxiliaire vétérinaire : ASV')).toBe('«\u00a0Auxiliaire vétérinaire\u00a0: ASV\u00a0»');
    expect(publishedValueText('2025-03-28')).toBe('28\u00a0mars\u00a02025');
    expect(publishedValueText(1230)).toBe('1\u202f230');
    expect(publishedValueText(false)).toBe('Non');
    expect(publishedValueText(['A1500', 3])).toBe('«\u00a0A1500\u00a0» ; 3');
    expect(publishedValueText(null)).toBe('vide');
    expect(publishedValueText({ ouverte: true })).toBe('{"ouverte":true}');
  });

  it('ends a remark as a sentence', () => {
    expect(asSentence('Export sans date')).toBe('Export sans date.');
    expect(asSentence('Export du 16 août.')).toBe('Export du 16 août.');
  });
});

describe('DataOrigin', () => {
  let container: experimental_AstroContainer;
  beforeAll(async () => {
    container = await experimental_AstroContainer.create();
  });
  const render = (sources: Source[], absence?: AbsenceExport, corrections = 0) =>
    container.renderToString(DataOrigin, { props: { sources, absence, corrections, officialUrl: 'https://example.org/fiche/' } });

  it('dates the data by its export, or gives the remark of an undated one', async () => {
    expect(text(await render([RNCP]))).toBe("Données de l'export du flux RNCP du 16 août 2026.");
    expect(text(await render([UNDATED_RS]))).toBe("Données d'un export du flux RS. Export sans date dans son nom de fichier.");
    expect(text(await render([{ id: UNDATED_RS.id, intitule: UNDATED_RS.intitule }]))).toBe(
      "Données d'un export du flux RS, sans date connue.",
    );
  });

  it('says nothing for a hand transcription', async () => {
    expect(text(await render([PAGE]))).toBe('');
  });

  it('says clearly when the latest export no longer holds the record, dated or not', async () => {
    expect(text(await render([RNCP], { date_export: '2026-09-01', source: 'flux-rncp' }))).toContain(
      "Cette fiche ne figure plus dans l'export du flux RNCP du 1er septembre 2026 : elle est gardée telle qu'elle était. Sa fiche officielle dit son état actuel.",
    );
    expect(text(await render([RNCP], { source: 'flux-rncp' }))).toContain(
      "Cette fiche ne figure plus dans le dernier export importé du flux RNCP : elle est gardée telle qu'elle était.",
    );
  });

  it("points to the team's corrections, counted", async () => {
    expect(text(await render([RNCP], undefined, 1))).toContain(
      "L'équipe a corrigé une valeur publiée par le flux officiel : voir les corrections de l'équipe.",
    );
    expect(await render([RNCP], undefined, 1)).toContain('href="#corrections"');
  });
});
