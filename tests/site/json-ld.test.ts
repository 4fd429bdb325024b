import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Certification, FicheRome, MarcheDuTravail } from '../../src/core/schemas/types.generated.ts';
import { certificationJsonLd, romeJsonLd } from '../../src/site/json-ld.ts';
import { PROJECT_ROOT } from '../helpers/content-tree.ts';

const read = <T>(path: string): T => parse(readFileSync(join(PROJECT_ROOT, 'content', path), 'utf8')) as T;
const certification = read<Certification>('certifications/rncp39853.yaml');
const k1704 = read<FicheRome>('rome/k1704.yaml');
const k1404 = read<FicheRome>('rome/k1404.yaml');

const CERT_URL = 'https://certidocs.example.org/certifications/rncp39853/';
const ROME_URL = 'https://certidocs.example.org/rome/k1704/';
const nnbsp = '\u202f';

/** Every string and number of a value, keys "@context" and "@type" aside (they name vocabulary, not facts). */
function leaves(value: unknown): (string | number)[] {
  if (typeof value === 'string' || typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(leaves);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, child]) => (key === '@context' || key === '@type' ? [] : leaves(child)));
  }
  return [];
}

describe('certificationJsonLd', () => {
  const ld = certificationJsonLd(certification, CERT_URL);

  it('describes the credential with its RNCP number, page, category and registration end', () => {
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'EducationalOccupationalCredential',
      name: 'Expert en relations et coopérations internationales',
      identifier: { '@type': 'PropertyValue', propertyID: 'RNCP', value: 'RNCP39853' },
      url: CERT_URL,
      sameAs: 'https://www.francecompetences.fr/recherche/rncp/39853/',
      credentialCategory: 'Certification professionnelle',
      expires: '2029-11-28',
    });
  });

  it('lists the mandatory blocks as required competencies, never the optional ones', () => {
    expect(ld.competencyRequired).toEqual(
      [
        'Conduire un diagnostic en intelligence stratégique et économique sur les enjeux internationaux',
        'Elaborer et conduire une politique de coopération internationale',
        "Piloter un projet à l'international",
        'Assurer des missions de conseil et de soutien en situation de crise sur le plan international',
      ].map((name) => ({ '@type': 'DefinedTerm', name })),
    );
  });

  it('points to each ROME sheet as an occupation with its ROME category code', () => {
    expect(ld.about).toEqual(
      ['K1704', 'K1404', 'K1405'].map((code) => ({
        '@type': 'Occupation',
        occupationalCategory: { '@type': 'CategoryCode', codeValue: code, inCodeSet: { '@type': 'CategoryCodeSet', name: 'ROME' } },
        url: `https://certidocs.example.org/rome/${code.toLowerCase()}/`,
      })),
    );
  });

  it('leaves the long texts to the page: no objectives, no block competences', () => {
    expect(certification.objectifs).toBeTruthy();
    expect(ld).not.toHaveProperty('description');
    for (const block of ld.competencyRequired as Record<string, unknown>[]) expect(block).not.toHaveProperty('description');
  });

  it('leaves out what the record does not publish', () => {
    for (const key of ['educationalLevel', 'recognizedBy', 'validFor', 'validIn', 'occupationalCategory', 'dateModified']) {
      expect(ld).not.toHaveProperty(key);
    }
  });

  it('adds level, certifying bodies, type and block codes when the record has them', () => {
    const richer: Certification = {
      ...certification,
      niveau: { code: 'NIV7', source: 'page-source' },
      abrege: { code: 'TP', libelle: 'Titre professionnel' },
      certificateurs: [{ nom: 'Organisme A', siret: '12345678901234' }, { nom: 'Organisme B' }],
      blocs: [{ numero: 1, code: 'RNCP39853BC01', intitule: 'Bloc un', optionnel: false, competences: 'Analyser' }],
    };
    expect(certificationJsonLd(richer, CERT_URL)).toMatchObject({
      credentialCategory: ['Certification professionnelle', { '@type': 'DefinedTerm', termCode: 'TP', name: 'Titre professionnel' }],
      educationalLevel: {
        '@type': 'DefinedTerm',
        termCode: 'NIV7',
        name: 'Niveau 7',
        inDefinedTermSet: { '@type': 'DefinedTermSet', name: 'Cadre national des certifications professionnelles' },
      },
      recognizedBy: [
        {
          '@type': 'Organization',
          name: 'Organisme A',
          identifier: { '@type': 'PropertyValue', propertyID: 'SIRET', value: '12345678901234' },
        },
        { '@type': 'Organization', name: 'Organisme B' },
      ],
      competencyRequired: [{ '@type': 'DefinedTerm', name: 'Bloc un', termCode: 'RNCP39853BC01' }],
    });
  });

  it.each<[string, Partial<Certification>, string]>([
    ['no certifying body', { certificateurs: [] }, 'recognizedBy'],
    ['only optional blocks', { blocs: [{ numero: 1, intitule: 'Bloc', optionnel: true }] }, 'competencyRequired'],
  ])('omits the property when there is %s', (_case, change, key) => {
    expect(certificationJsonLd({ ...certification, ...change }, CERT_URL)).not.toHaveProperty(key);
  });

  it('holds no text or number that is neither in the record nor a vocabulary constant', () => {
    const fromRecord = new Set(leaves(certification));
    const derived = new Set<string | number>([
      CERT_URL,
      'https://www.francecompetences.fr/recherche/rncp/39853/',
      ...(certification.codes_rome ?? []).map((code) => `https://certidocs.example.org/rome/${code.toLowerCase()}/`),
      'Certification professionnelle',
      'RNCP',
      'ROME',
    ]);
    expect(leaves(ld).filter((leaf) => !fromRecord.has(leaf) && !derived.has(leaf))).toEqual([]);
  });
});

describe('romeJsonLd', () => {
  it('describes the occupation with its ROME code and the published salary headline', () => {
    expect(romeJsonLd(k1704, ROME_URL)).toEqual({
      '@context': 'https://schema.org',
      '@type': 'Occupation',
      name: 'Management de la sécurité publique',
      url: ROME_URL,
      occupationalCategory: {
        '@type': 'CategoryCode',
        codeValue: 'K1704',
        name: 'Management de la sécurité publique',
        inCodeSet: { '@type': 'CategoryCodeSet', name: 'ROME' },
      },
      estimatedSalary: {
        '@type': 'MonetaryAmount',
        currency: 'EUR',
        value: { '@type': 'QuantitativeValue', minValue: 1833, maxValue: 3000, unitText: 'MONTH' },
        description: `55${nnbsp}% des offres proposent un salaire mensuel brut compris entre 1${nnbsp}833${nnbsp}€ et 3${nnbsp}000${nnbsp}€.`,
      },
    });
  });

  it('has no salary when the source publishes no labour-market figures', () => {
    const ld = romeJsonLd(k1404, 'https://certidocs.example.org/rome/k1404/');
    expect(ld).not.toHaveProperty('estimatedSalary');
    expect(ld).toMatchObject({ '@type': 'Occupation', occupationalCategory: { codeValue: 'K1404' } });
  });

  it('takes the salary from the headline range, not from the brackets', () => {
    const record = structuredClone(k1704);
    (record.marche_du_travail as MarcheDuTravail).salaires_offres.fourchette_principale = { min: 2000, max: 2500, part_offres: 40.5 };
    expect(romeJsonLd(record, ROME_URL).estimatedSalary).toMatchObject({ value: { minValue: 2000, maxValue: 2500 } });
  });
});
