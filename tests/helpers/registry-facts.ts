/** RegistryFacts for unit tests: an RNCP or RS record with nothing in it but its number and what a test sets. */
import type { RegistryFacts } from '../../src/core/registry/registry-facts.ts';

export function registryFacts(id: string, overrides: Partial<RegistryFacts> = {}): RegistryFacts {
  return {
    id,
    registry: id.startsWith('RS') ? 'RS' : 'RNCP',
    title: `Intitulé de ${id}`,
    level: undefined,
    validity: {},
    replaces: [],
    replacedBy: [],
    blocks: [],
    equivalences: [],
    certifiers: [],
    nsf: [],
    formacodes: [],
    romeCodes: [],
    routes: [],
    partnerCount: 0,
    absentFromExport: false,
    ...overrides,
  };
}
