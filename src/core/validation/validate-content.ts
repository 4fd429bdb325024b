/**
 * The validation pipeline shared by the CLI, the Astro loader and the tests:
 * read each file with positions → validate against its kind's JSON Schema → cross-record checks.
 */
import { join } from 'node:path';
import { CHECKS } from '../checks/index.ts';
import type { CheckContext, Finding } from '../checks/index.ts';
import { listContentFiles } from '../files/content-files.ts';
import { RECORD_KINDS } from '../kinds/record-kinds.ts';
import type { RecordKindInfo } from '../kinds/record-kinds.ts';
import { emptyRecordSet, recordsOfKind } from '../kinds/records.ts';
import type { RecordSet } from '../kinds/records.ts';
import { loadSchemaFiles } from '../schemas/schema-store.ts';
import { createValidators } from '../schemas/validator.ts';
import { quote } from '../text/french.ts';
import type { Diagnostic } from './diagnostic.ts';
import { sortDiagnostics } from './diagnostic.ts';
import { fileError, readRecordSafely } from './read-record.ts';
import type { Reuse } from './read-record.ts';

export type { Reuse } from './read-record.ts';

export interface ValidateOptions {
  /** Project root: diagnostics name files relative to it. */
  root: string;
  /** Defaults to <root>/content. */
  contentDir?: string;
  /** Defaults to <root>/schemas. */
  schemaDir?: string;
  /** The record kinds to read; defaults to every kind certidocs knows. */
  kinds?: readonly RecordKindInfo[];
}

export interface ValidationResult {
  /** Records whose file passed its schema (cross-record errors do not remove them). */
  records: RecordSet;
  /** Every finding, sorted by file and position. */
  diagnostics: Diagnostic[];
  /** Project-relative paths of the files examined. */
  files: string[];
}

/** A validator bound to one project's schemas, reusable across runs (dev server reloads, tests). */
export interface ContentValidator {
  validate(reuse?: Reuse): ValidationResult;
}

/** Compiles the schemas once and returns a validator for the content tree. */
export function createContentValidator(options: ValidateOptions): ContentValidator {
  const root = options.root;
  const contentDir = options.contentDir ?? join(root, 'content');
  const schemaDir = options.schemaDir ?? join(root, 'schemas');
  const kinds = options.kinds ?? RECORD_KINDS;
  const schemas = loadSchemaFiles(schemaDir, kinds);
  const validators = createValidators(schemas, kinds);
  return {
    validate(reuse) {
      const files = listContentFiles(root, contentDir, kinds);
      const diagnostics: Diagnostic[] = [];
      const records = emptyRecordSet(kinds);
      const context: CheckContext = { kinds, invalidIds: new Map(kinds.map((k) => [k.kind, new Set<string>()])) };
      for (const file of files) {
        const outcome = readRecordSafely(file, { kinds, schemas, validators, schemaDir, reuse });
        diagnostics.push(...outcome.diagnostics);
        if (outcome.record) recordsOfKind(records, outcome.record.kind).push(outcome.record);
        for (const id of outcome.invalidIds?.ids ?? []) context.invalidIds.get(outcome.invalidIds!.kind)?.add(id);
      }
      diagnostics.push(...runChecks(records, context));
      return { records, diagnostics: sortDiagnostics(diagnostics), files: files.map((f) => f.file) };
    },
  };
}

/** Validates a content tree once. */
export function validateContent(options: ValidateOptions): ValidationResult {
  return createContentValidator(options).validate();
}

function runChecks(records: RecordSet, context: CheckContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const check of CHECKS) {
    const report = (finding: Finding) => {
      diagnostics.push({
        severity: finding.severity,
        file: finding.record.file,
        ...finding.record.locate(finding.pointer, finding.target),
        pointer: finding.pointer,
        message: finding.message,
        hint: finding.hint,
        rule: check.rule,
      });
    };
    try {
      check.run(records, report, context);
    } catch (error) {
      // A check that crashes is a defect of certidocs, reported as such rather than as a stack trace.
      diagnostics.push(
        fileError(
          'content',
          `La vérification ${quote(check.rule)} a échoué : ${(error as Error).message}`,
          "Signalez ce problème à l'équipe certidocs avec le fichier modifié.",
          'internal',
        ),
      );
    }
  }
  return diagnostics;
}
