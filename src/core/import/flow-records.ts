/**
 * The records of an export as the validator will accept them: each FICHE mapped, cleaned of what cannot be
 * kept, with its registry's source entry; plus what reading the export taught (dropped values, rejected
 * records, unknown elements, ROME labels). Shared by the import and the drift check.
 */
import { basename } from 'node:path';
import { isCalendarDate } from '../text/calendar-date.ts';
import { findKind } from '../kinds/record-kinds.ts';
import type { RecordKindInfo } from '../kinds/record-kinds.ts';
import { idPattern } from '../schemas/schema-store.ts';
import type { SchemaFiles } from '../schemas/schema-store.ts';
import type { SchemaValidators } from '../schemas/validator.ts';
import { childOf, FlowError, readFlowRecords } from './flow-reader.ts';
import type { FlowHeader } from './flow-reader.ts';
import { mapFiche } from './flow-mapping.ts';
import { flowPlaceOf } from './flow-origins.ts';
import type { DroppedValue, RomeLabel } from './flow-mapping.ts';
import { cleanRecord } from './flow-cleaning.ts';
import { RomeLabelVotes } from './rome-labels.ts';
import { flowSourceEntry, readExportName, REGISTRIES, registryOfNumber } from './flow-sources.ts';
import type { RegistryInfo } from './flow-sources.ts';

type Data = Record<string, unknown>;

/** What is known once the first record has been read. */
export interface ExportFacts {
  info: RegistryInfo;
  kind: RecordKindInfo;
  exportDate: string | undefined;
  /** The source entry the export's records cite. */
  source: Data;
}

export interface CleanRecord {
  id: string;
  data: Data;
}

export interface FlowRecordsOptions {
  /** The export's date when its file name does not give it. */
  exportDate?: string | undefined;
  /** Only these record numbers. */
  only?: ReadonlySet<string> | undefined;
  /** Whether content/ has the sheet of a ROME code. */
  hasRomeSheet: (code: string) => boolean;
  /** Only the records of this share of the export (by number), for an import run by several workers. */
  shard?: Shard | undefined;
}

/** One of `count` disjoint shares of an export's records: every FICHE of a number falls in the same one. */
export interface Shard {
  index: number;
  count: number;
}

/** Whether a record number falls in a shard (a string hash, so that one number always goes to one shard). */
export function inShard(id: string, shard: Shard): boolean {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
  return hash % shard.count === shard.index;
}

export class FlowRecords {
  facts: ExportFacts | undefined;
  readonly dropped: DroppedValue[] = [];
  readonly rejected: { record: string; reason: string; line: number; column: number }[] = [];
  readonly unknownElements = new Map<string, number>();
  readonly romeLabels = new RomeLabelVotes();
  /** Numbers of the records read (once each). */
  readonly seen = new Set<string>();
  read = 0;
  private readonly file: string;
  private readonly schemas: SchemaFiles;
  private readonly validators: SchemaValidators;
  private readonly options: FlowRecordsOptions;

  constructor(file: string, schemas: SchemaFiles, validators: SchemaValidators, options: FlowRecordsOptions) {
    this.file = file;
    this.schemas = schemas;
    this.validators = validators;
    this.options = options;
  }

  /** The cleaned records, one at a time; throws a FlowError when the export cannot be read. */
  async *records(): AsyncGenerator<CleanRecord> {
    let header: FlowHeader | undefined;
    let pattern: RegExp | undefined;
    const { shard } = this.options;
    const keep = shard && ((id: string) => inShard(id, shard));
    for await (const fiche of readFlowRecords(this.file, (h) => (header = h), keep)) {
      if (!this.facts) {
        this.facts = await this.factsOf(header!, mapFiche(fiche, '').id, fiche.line, fiche.column);
        pattern = idPattern(this.schemas, this.facts.kind);
      }
      const { info, kind, source } = this.facts;
      if (keep && !keep(childOf(fiche, 'NUMERO_FICHE')?.text ?? '')) continue;
      const mapped = mapFiche(fiche, info.sourceId);
      this.read++;
      for (const name of mapped.unknownElements) this.unknownElements.set(name, (this.unknownElements.get(name) ?? 0) + 1);
      const where = { line: mapped.line, column: mapped.column };
      const other = registryOfNumber(mapped.id);
      if (other && other !== info.registry) {
        // Importing it would mark every record of the named registry absent: the file is not what its name says.
        throw new FlowError(
          `la fiche ${mapped.id} est une fiche ${other}, dans un export ${info.registry}${header!.xmlName === basename(this.file) ? '' : ` (${header!.xmlName})`}.`,
          header!.label,
          `Vérifiez le fichier : son nom dit qu'il vient du répertoire ${info.registry}. Gardez le nom officiel de l'export (export_fiches_${other}_V4_1_AAAA-MM-JJ.xml pour le répertoire ${other}).`,
          mapped.line,
          mapped.column,
        );
      }
      if (!pattern!.test(mapped.id)) {
        this.rejected.push({
          record: mapped.id || '(sans numéro)',
          reason: `NUMERO_FICHE « ${mapped.id} » n'est pas un numéro ${info.registry}`,
          ...where,
        });
        continue;
      }
      if (this.options.only && !this.options.only.has(mapped.id)) continue;
      if (this.seen.has(mapped.id)) {
        this.rejected.push({ record: mapped.id, reason: "fiche en double dans l'export : seule la première est importée", ...where });
        continue;
      }
      this.seen.add(mapped.id);
      const cleaned = cleanRecord({ ...mapped.data, sources: [source] }, kind, this.validators[kind.kind], `${kind.folder}/${mapped.id}`);
      this.dropped.push(...mapped.dropped);
      for (const value of cleaned.dropped)
        this.dropped.push({ record: mapped.id, value: shown(value.value), reason: value.reason, ...flowPlaceOf(fiche, value.pointer) });
      if (!cleaned.ok) {
        this.rejected.push({ record: mapped.id, reason: cleaned.reason, ...where });
        continue;
      }
      this.voteRomeLabels(mapped.id, cleaned.data, mapped.romeLabels);
      yield { id: mapped.id, data: cleaned.data };
    }
    if (!this.facts) {
      throw new FlowError(
        "l'export ne contient aucune fiche.",
        header?.label ?? this.file,
        'Vérifiez le fichier : un export officiel contient des milliers de fiches.',
      );
    }
  }

  /**
   * Counts the ROME labels the record gives for the codes it kept. A code published without its label is kept
   * only when content/ has its sheet: otherwise no sheet could be written for it, and it is left out of the
   * record, reported.
   */
  private voteRomeLabels(id: string, data: Data, labels: RomeLabel[]): void {
    const kept = data.codes_rome as string[] | undefined;
    if (!kept) return;
    const codes = new Set(kept);
    for (const { code, label, line, column } of labels) {
      if (!codes.has(code)) continue;
      if (label !== '') this.romeLabels.add(code, label, id, line);
      else if (!this.options.hasRomeSheet(code)) {
        codes.delete(code);
        this.dropped.push({
          record: id,
          element: 'CODES_ROME/ROME/CODE',
          value: code,
          reason:
            'code ROME publié sans son libellé (LIBELLE) et sans fiche ROME dans content/ : aucune fiche ne peut être écrite pour lui',
          line,
          column,
        });
      }
    }
    if (codes.size === kept.length) return;
    if (codes.size > 0) data.codes_rome = kept.filter((code) => codes.has(code));
    else delete data.codes_rome;
  }

  /** The registry (from the file names, else the first record's number), the export date and the source entry. */
  private async factsOf(header: FlowHeader, firstId: string, line: number, column: number): Promise<ExportFacts> {
    const fromNames = { ...readExportName(this.file), ...readExportName(header.xmlName) };
    const registry = fromNames.registry ?? registryOfNumber(firstId);
    if (!registry) {
      throw new FlowError(
        `impossible de savoir de quel répertoire est cet export : le nom du fichier ne le dit pas et la première fiche a pour numéro « ${firstId} ».`,
        header.label,
        'Gardez le nom de fichier officiel (export_fiches_RNCP_V4_1_AAAA-MM-JJ.xml ou export_fiches_RS_…).',
        line,
        column,
      );
    }
    const info = REGISTRIES[registry];
    if (!this.options.exportDate && fromNames.date && !isCalendarDate(fromNames.date)) {
      throw new FlowError(
        `le nom du fichier donne pour date d'export le ${fromNames.date}, un jour qui n'existe pas.`,
        header.label,
        "Gardez le nom officiel de l'export, qui porte sa date (AAAA-MM-JJ), ou donnez-la avec --date.",
      );
    }
    const exportDate = this.options.exportDate ?? fromNames.date;
    // An undated export is described by the latest date it publishes: a quick first reading of the file.
    const source = flowSourceEntry(info, exportDate, exportDate ? undefined : await latestDateIn(this.file));
    return { info, kind: findKind(info.kind)!, exportDate, source };
  }
}

/** The latest JJ/MM/AAAA date in an export. */
async function latestDateIn(file: string): Promise<string | undefined> {
  let latest: string | undefined;
  for await (const fiche of readFlowRecords(file)) {
    for (const [, day, month, year] of JSON.stringify(fiche).matchAll(/"(\d{2})\/(\d{2})\/(\d{4})"/g)) {
      const iso = `${year}-${month}-${day}`;
      if (!latest || iso > latest) latest = iso;
    }
  }
  return latest;
}

/** A dropped value as the report shows it: its text, or its JSON. */
function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}
