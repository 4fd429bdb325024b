import { defineCollection } from 'astro:content';
import { RECORD_KINDS } from './core/kinds/record-kinds.ts';
import type { RecordKind } from './core/kinds/record-kinds.ts';
import { certidocsLoader } from './loader/certidocs-loader.ts';

/** One collection per record kind, named after the kind. */
export const collections = Object.fromEntries(
  RECORD_KINDS.map((info) => [info.kind, defineCollection({ loader: certidocsLoader(info.kind) })]),
) as { [K in RecordKind]: ReturnType<typeof defineCollection> };
