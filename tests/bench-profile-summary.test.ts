/** bench/profile-summary.ts: self time by function and by source, on a tiny hand-written profile. */
import { describe, expect, it } from 'vitest';
import { profileMarkdown, sourceOf, summarizeProfiles } from '../bench/profile-summary.ts';
import type { CpuProfile } from '../bench/profile-summary.ts';

const frame = (id: number, functionName: string, url: string, lineNumber = 0) => ({ id, callFrame: { functionName, url, lineNumber } });

// Samples every 1,000 µs but for one of 3,000 µs; each sample lasts until the next one, the last until endTime.
const PROFILE: CpuProfile = {
  nodes: [
    frame(1, '(root)', ''),
    frame(2, 'parse', 'file:///tmp/bench/certidocs/node_modules/yaml/dist/parse.js', 9),
    frame(3, 'renderPage', 'file:///tmp/bench/certidocs/node_modules/@astrojs/compiler/dist/render.js', 19),
    frame(4, 'loadRecords', 'file:///tmp/bench/certidocs/src/core/files/load.ts', 41),
    frame(5, '(garbage collector)', ''),
    frame(6, 'spawnSync', 'node:internal/child_process'),
    frame(7, '(idle)', ''),
    frame(8, 'readFileUtf8', ''),
  ],
  startTime: 0,
  endTime: 10_000,
  samples: [2, 2, 4, 3, 5, 6, 7, 8],
  timeDeltas: [0, 1000, 1000, 1000, 3000, 1000, 1000, 1000],
};

describe('sourceOf', () => {
  it.each([
    ['file:///w/node_modules/yaml/dist/parse.js', '', 'node_modules/yaml'],
    ['file:///w/node_modules/@astrojs/compiler/dist/x.js', '', 'node_modules/@astrojs/compiler'],
    ['file:///w/node_modules/.pnpm/a/node_modules/vite/dist/x.js', '', 'node_modules/vite'],
    ['file:///w/certidocs/src/core/files/load.ts', '', 'src/core/files/load.ts'],
    ['node:internal/modules/esm/utils', '', 'node:internal/modules'],
    ['node:fs', '', 'node:fs'],
    ['file:///w/.cache/dist-staging/.prerender/chunks/page_Ab12.mjs', '', '(bundled) .prerender/chunks/page_Ab12.mjs'],
    ['', '(garbage collector)', '(garbage collector)'],
    ['', 'readFileUtf8', '(native)'],
  ])('%s %s → %s', (url, fn, source) => {
    expect(sourceOf(url, fn)).toBe(source);
  });
});

describe('summarizeProfiles', () => {
  it('adds self time by function and by source, and sets waiting and idle time apart', () => {
    const summary = summarizeProfiles([PROFILE, PROFILE]);
    expect(summary).toEqual({
      profiles: 2,
      busy_ms: 16,
      waiting_ms: 2,
      idle_ms: 2,
      functions: [
        { name: 'renderPage node_modules/@astrojs/compiler/dist/render.js:20', ms: 6 },
        { name: 'parse node_modules/yaml/dist/parse.js:10', ms: 4 },
        { name: '(garbage collector)', ms: 2 },
        { name: 'loadRecords src/core/files/load.ts:42', ms: 2 },
        { name: 'readFileUtf8 (native)', ms: 2 },
      ],
      sources: [
        { name: 'node_modules/@astrojs/compiler', ms: 6 },
        { name: 'node_modules/yaml', ms: 4 },
        { name: '(garbage collector)', ms: 2 },
        { name: '(native)', ms: 2 },
        { name: 'src/core/files/load.ts', ms: 2 },
      ],
    });
    expect(profileMarkdown(summary)).toContain('| `node_modules/@astrojs/compiler` | 6 | 37.5 % |');
  });
});
