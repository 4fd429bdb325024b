/** Every cross-record check, in the order they run. */
import type { Check } from './check.ts';
import { distributionTotals } from './distribution-totals.ts';
import { orderedValues } from './ordered-values.ts';
import { registrationDates } from './registration-dates.ts';
import { romeReference } from './rome-reference.ts';
import { sourceReferences } from './source-references.ts';
import { uniqueBlocks } from './unique-blocks.ts';
import { uniqueIds } from './unique-ids.ts';
import { uniqueOrganisations } from './unique-organisations.ts';

export type { Check, CheckContext, Finding } from './check.ts';

export const CHECKS: readonly Check[] = [
  uniqueIds,
  romeReference,
  uniqueBlocks,
  uniqueOrganisations,
  sourceReferences,
  registrationDates,
  orderedValues,
  distributionTotals,
];
