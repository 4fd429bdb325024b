/**
 * The sections both kinds of flow record end with (training domains, collective agreements, Journal officiel
 * publications, presentation pages): which of them a record has, for its outline. The sections themselves are
 * src/components/flow/FlowReferences.astro.
 */
import type { Certification } from '../core/schemas/types.generated.ts';

/** The fields those sections show, which a certification and an RS record share. */
export type FlowReferenceFields = Pick<
  Certification,
  'codes_nsf' | 'formacodes' | 'codes_idcc' | 'conventions_collectives' | 'publications_jo' | 'liens_description'
>;

export interface OutlineEntry {
  href: string;
  label: string;
}

/** The outline entries of the sections a record has, in page order. */
function flowReferenceOutline(record: FlowReferenceFields): OutlineEntry[] {
  const entries: (OutlineEntry | false | undefined)[] = [
    ((record.codes_nsf?.length ?? 0) > 0 || (record.formacodes?.length ?? 0) > 0) && { href: '#domaines', label: 'Domaines de formation' },
    (record.codes_idcc !== undefined || record.conventions_collectives !== undefined) && {
      href: '#conventions-collectives',
      label: 'Conventions collectives',
    },
    record.publications_jo && { href: '#textes-officiels', label: 'Textes officiels' },
    record.liens_description && { href: '#pages-presentation', label: 'Pages de présentation' },
  ];
  return entries.filter((entry): entry is OutlineEntry => typeof entry === 'object');
}

/**
 * The outline entries of the sections that close every RNCP and RS page, in page order: its calendars, its
 * badge when it has one (core/registry/badge.ts's badgePublished), its references, then its sources.
 */
export function registryOutlineEnd(record: FlowReferenceFields, badge: boolean): OutlineEntry[] {
  return [
    { href: '#calendriers', label: 'Calendriers' },
    ...(badge ? [{ href: '#badge-statut', label: 'Badge' }] : []),
    ...flowReferenceOutline(record),
    { href: '#sources', label: 'Sources' },
  ];
}
