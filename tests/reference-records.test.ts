/**
 * The schemas can hold real records: the 8 records of the official RNCP flow in
 * ../shared/reference, read into certidocs' shape, validate with no error.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { validateContent } from '../src/core/validation/validate-content.ts';
import { makeTree, removeTrees } from './helpers/content-tree.ts';
import { readFlow, toCertification, toRomeSheets } from './helpers/rncp-flow.ts';

afterAll(removeTrees);

const fiches = readFlow(readFileSync(new URL('../../shared/reference/rncp-export-sample.xml', import.meta.url), 'utf8'));

const yamlFile = (schema: string, data: unknown) =>
  `# yaml-language-server: $schema=../../schemas/${schema}\n${stringify(data, { lineWidth: 0 })}`;

describe('real records of the official RNCP flow', () => {
  it('the sample holds 8 records', () => {
    expect(fiches).toHaveLength(8);
  });

  it('every record, with the ROME sheets it cites, validates with no error and no warning', () => {
    const files: Record<string, string> = {};
    for (const fiche of fiches) {
      const certification = toCertification(fiche);
      files[`content/certifications/${String(certification.numero_fiche).toLowerCase()}.yaml`] = yamlFile(
        'certification.schema.json',
        certification,
      );
      for (const sheet of toRomeSheets(fiche))
        files[`content/rome/${String(sheet.code).toLowerCase()}.yaml`] = yamlFile('rome.schema.json', sheet);
    }
    const root = makeTree({ files });
    const result = validateContent({ root });
    expect(result.diagnostics).toEqual([]);
    expect(result.records.certification.map((r) => r.id)).toEqual(expect.arrayContaining(fiches.map((f) => f.NUMERO_FICHE)));
  });

  it('keeps what the flow leaves out absent, and what it does not publish as explicit "no data"', () => {
    const withoutPrerequisites = fiches.map(toCertification).filter((c) => c.prerequis === undefined);
    expect(withoutPrerequisites.length).toBeGreaterThan(0);
    const rates = fiches.map(toCertification).flatMap((c) => c.statistiques_promotions as { taux_insertion_2_ans: unknown }[]);
    expect(rates.some((s) => typeof s.taux_insertion_2_ans === 'object')).toBe(true);
  });
});
