/**
 * The speed targets of issue 13, each for one size: a run states every target it measured and judges it only
 * at the size the target is for (a ratio at 1,000 records says nothing about 25,638).
 */
import { REGISTRY } from './flow-xml.ts';
import type { Phase } from './timed.ts';

/** One target as a run reports it; `met` is undefined when the run is not at the target's size. */
export interface TargetCheck {
  target: string;
  /** The size the target is for. */
  size: string;
  measured: string;
  met: boolean | undefined;
}

/** What a run measured, as far as targets read it. */
export interface Measured {
  totals?: { validate_build_index: Phase; import_validate_build_index: Phase };
  ratio_to_floor?: number;
  imports?: { wall_s: number; peak_rss_mb: number };
}

interface Target {
  target: string;
  sizes: { rncp: number; rs: number }[];
  /** The measured value as text and whether it meets the target, or undefined when the run did not measure it. */
  check: (m: Measured) => { measured: string; ok: boolean } | undefined;
}

const RNCP_ONLY = { rncp: REGISTRY.rncp, rs: 0 };
const WHOLE_REGISTRY = { rncp: REGISTRY.rncp, rs: REGISTRY.rs };

const TARGETS: Target[] = [
  {
    target: 'validate + build + index at most 100 s',
    sizes: [RNCP_ONLY],
    check: ({ totals }) => totals && { measured: `${totals.validate_build_index.wall_s} s`, ok: totals.validate_build_index.wall_s <= 100 },
  },
  {
    // 3 GB read as 3,000 MB, the stricter reading (GNU time reports KiB, the bench MiB).
    target: 'validate + build + index peak RSS at most 3 GB (3,000 MB)',
    sizes: [RNCP_ONLY],
    check: ({ totals }) =>
      totals && { measured: `${totals.validate_build_index.peak_rss_mb} MB`, ok: totals.validate_build_index.peak_rss_mb <= 3000 },
  },
  {
    target: 'import + validate + build + index at most 130 s',
    sizes: [WHOLE_REGISTRY],
    check: ({ totals }) =>
      totals && { measured: `${totals.import_validate_build_index.wall_s} s`, ok: totals.import_validate_build_index.wall_s <= 130 },
  },
  {
    target: 'ratio to the floor at most 1.2',
    sizes: [
      { rncp: 1000, rs: 0 },
      { rncp: 5518, rs: 0 },
    ],
    check: ({ ratio_to_floor }) =>
      ratio_to_floor === undefined ? undefined : { measured: String(ratio_to_floor), ok: ratio_to_floor <= 1.2 },
  },
  {
    target: 'import (RNCP then RS) under 30 s with a peak RSS under 500 MB',
    sizes: [WHOLE_REGISTRY],
    check: ({ imports }) =>
      imports && { measured: `${imports.wall_s} s, ${imports.peak_rss_mb} MB`, ok: imports.wall_s < 30 && imports.peak_rss_mb < 500 },
  },
];

const describeSize = ({ rncp, rs }: { rncp: number; rs: number }) =>
  rs === 0
    ? `${rncp.toLocaleString('en-US')} RNCP`
    : `${(rncp + rs).toLocaleString('en-US')} (${rncp.toLocaleString('en-US')} RNCP + ${rs.toLocaleString('en-US')} RS)`;

/** Every target this run measured, judged when the run is at the target's size. */
export function checkTargets(records: { rncp: number; rs: number }, measured: Measured): TargetCheck[] {
  const out: TargetCheck[] = [];
  for (const target of TARGETS) {
    const result = target.check(measured);
    if (!result) continue;
    const atSize = target.sizes.some((s) => s.rncp === records.rncp && s.rs === records.rs);
    out.push({
      target: target.target,
      size: target.sizes.map(describeSize).join(' and '),
      measured: result.measured,
      met: atSize ? result.ok : undefined,
    });
  }
  return out;
}
