/** The shape of a cross-record check: a named rule that reports findings about valid records. */
import type { Severity } from '../validation/diagnostic.ts';
import type { RecordKindInfo } from '../kinds/record-kinds.ts';
import type { LoadedRecord, RecordSet } from '../kinds/records.ts';
import type { Target } from '../files/yaml-source.ts';

export interface Finding {
  severity: Severity;
  record: LoadedRecord;
  pointer: string;
  target?: Target;
  message: string;
  hint: string;
}

/** What the checks know besides the valid records. */
export interface CheckContext {
  /** The kinds the content tree was read with. */
  kinds: readonly RecordKindInfo[];
  /** Identifiers of records whose file exists but failed its schema, by kind: already reported, not missing. */
  invalidIds: Map<string, Set<string>>;
}

export interface Check {
  /** Stable identifier shown in brackets after each message. */
  rule: string;
  /** What the check guarantees, in French (listed in the schema reference). */
  description: string;
  run(records: RecordSet, report: (finding: Finding) => void, context: CheckContext): void;
}
