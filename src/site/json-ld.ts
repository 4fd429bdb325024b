/**
 * schema.org descriptions of records, embedded in their pages as JSON-LD. Every value comes from the
 * record (or from its page's address); a property whose fact the record lacks is left out. The long
 * texts (objectives, the blocks' competences) stay out: the page itself holds them, and copying them
 * here made the JSON-LD an eighth of each record page at registry scale.
 */
import type { Certificateur, Certification, CertificationRs, FicheRome, MarcheDuTravail } from '../core/schemas/types.generated.ts';
import { VALIDITY_LABELS, validityOf } from '../core/registry/validity.ts';
import { formatEuros, formatPercent } from '../core/text/french.ts';
import { officialRegistryUrl, recordPath } from './urls.ts';

type JsonLd = Record<string, unknown>;

const CONTEXT = 'https://schema.org';

/** A ROME code as schema.org's CategoryCode (inCodeSet expects a CategoryCodeSet or a URL, not a bare name). */
function romeCategory(code: string, name?: string): JsonLd {
  return {
    '@type': 'CategoryCode',
    codeValue: code,
    ...(name === undefined ? {} : { name }),
    inCodeSet: { '@type': 'CategoryCodeSet', name: 'ROME' },
  };
}

/**
 * A certification as an EducationalOccupationalCredential.
 *
 * Choices made to stay faithful to schema.org:
 * - the blocks go to `competencyRequired` ("must be demonstrated … to earn" the credential), so only
 *   the mandatory ones: an optional block is required only of the candidates who choose it, and
 *   schema.org has no property for that;
 * - the ROME codes go to `about`, as Occupations carrying their `occupationalCategory`: that property
 *   does not exist on credentials;
 * - the registration end date is `expires` (CreativeWork: "no longer useful or available", examples
 *   include a certification); `validFor` is left out, as it is how long a holder's credential stays
 *   valid, which the record does not say (the registration length is not that);
 * - the certifying bodies are `recognizedBy`, the only organization property of credentials.
 */
export function certificationJsonLd(record: Certification, pageUrl: string, referenceDate?: string): JsonLd {
  const mandatory = (record.blocs ?? []).filter((b) => !b.optionnel);
  const romeCodes = record.codes_rome ?? [];
  return {
    '@context': CONTEXT,
    '@type': 'EducationalOccupationalCredential',
    name: record.intitule,
    identifier: { '@type': 'PropertyValue', propertyID: 'RNCP', value: record.numero_fiche },
    url: pageUrl,
    sameAs: officialRegistryUrl(record.numero_fiche),
    credentialCategory: record.abrege
      ? ['Certification professionnelle', { '@type': 'DefinedTerm', termCode: record.abrege.code, name: record.abrege.libelle }]
      : 'Certification professionnelle',
    ...(record.niveau
      ? {
          educationalLevel: {
            '@type': 'DefinedTerm',
            termCode: record.niveau.code,
            name: `Niveau ${record.niveau.code.replace('NIV', '')}`,
            inDefinedTermSet: { '@type': 'DefinedTermSet', name: 'Cadre national des certifications professionnelles' },
          },
        }
      : {}),
    ...(mandatory.length > 0
      ? {
          competencyRequired: mandatory.map((b) => ({
            '@type': 'DefinedTerm',
            name: b.intitule,
            ...(b.code ? { termCode: b.code } : {}),
          })),
        }
      : {}),
    ...(romeCodes.length > 0
      ? {
          about: romeCodes.map((code) => ({
            '@type': 'Occupation',
            occupationalCategory: romeCategory(code),
            url: new URL(recordPath('rome', code), pageUrl).href,
          })),
        }
      : {}),
    ...(record.enregistrement.date_fin ? { expires: record.enregistrement.date_fin } : {}),
    ...workStatus(record, referenceDate),
    ...recognizedBy(record.certificateurs),
  };
}

/**
 * The status at the build's commit date as `creativeWorkStatus` (CreativeWork: "the status of a
 * creative work in terms of its stage in a lifecycle"), in the site's words.
 */
function workStatus(record: Certification | CertificationRs, referenceDate: string | undefined): JsonLd {
  if (!referenceDate) return {};
  const { status } = validityOf(
    { etatFiche: record.etat_fiche, endDate: record.enregistrement.date_fin, lastAwardDate: record.enregistrement.date_limite_delivrance },
    referenceDate,
  );
  return status ? { creativeWorkStatus: VALIDITY_LABELS[status] } : {};
}

/** The certifying bodies as `recognizedBy` organizations, with their SIRET when published. */
function recognizedBy(certifiers: Certificateur[] | undefined): JsonLd {
  if (!certifiers || certifiers.length === 0) return {};
  return {
    recognizedBy: certifiers.map((c) => ({
      '@type': 'Organization',
      name: c.nom,
      ...(c.siret ? { identifier: { '@type': 'PropertyValue', propertyID: 'SIRET', value: c.siret } } : {}),
    })),
  };
}

/**
 * A certification of the Répertoire spécifique as an EducationalOccupationalCredential, as for the
 * RNCP: no level (the RS has none), its registration end as `expires`, its certifiers as `recognizedBy`.
 */
export function rsJsonLd(record: CertificationRs, pageUrl: string, referenceDate?: string): JsonLd {
  return {
    '@context': CONTEXT,
    '@type': 'EducationalOccupationalCredential',
    name: record.intitule,
    identifier: { '@type': 'PropertyValue', propertyID: 'RS', value: record.numero_fiche },
    url: pageUrl,
    ...(officialRegistryUrl(record.numero_fiche) ? { sameAs: officialRegistryUrl(record.numero_fiche) } : {}),
    credentialCategory: 'Certification du Répertoire spécifique',
    ...(record.enregistrement.date_fin ? { expires: record.enregistrement.date_fin } : {}),
    ...workStatus(record, referenceDate),
    ...recognizedBy(record.certificateurs),
  };
}

/**
 * A ROME sheet as an Occupation. The salary is the published headline range only ("X % des offres
 * proposent un salaire compris entre A et B"): a MonetaryAmount with the monthly range, since
 * MonetaryAmountDistribution only holds a median and percentiles, which the source does not publish.
 */
export function romeJsonLd(record: FicheRome, pageUrl: string): JsonLd {
  const market = 'aucune_donnee' in record.marche_du_travail ? undefined : (record.marche_du_travail as MarcheDuTravail);
  const range = market?.salaires_offres.fourchette_principale;
  return {
    '@context': CONTEXT,
    '@type': 'Occupation',
    name: record.intitule,
    url: pageUrl,
    occupationalCategory: romeCategory(record.code, record.intitule),
    ...(range
      ? {
          estimatedSalary: {
            '@type': 'MonetaryAmount',
            currency: 'EUR',
            value: { '@type': 'QuantitativeValue', minValue: range.min, maxValue: range.max, unitText: 'MONTH' },
            description: `${formatPercent(range.part_offres)} des offres proposent un salaire mensuel brut compris entre ${formatEuros(range.min)} et ${formatEuros(range.max)}.`,
          },
        }
      : {}),
  };
}
