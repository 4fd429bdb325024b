/**
 * The Content-Security-Policy is in force on every page (meta tag) and nothing the site does
 * violates it, search included; public/_headers sends the same policy to hosts that read it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it, test } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/site/security.ts';
import { browserSample, describeInBrowser } from '../helpers/browser.ts';
import { PROJECT_ROOT } from '../helpers/content-tree.ts';
import { SEARCH_PATH, sitemapPaths } from '../helpers/built-site.ts';

const siteUrl = inject('siteUrl');
// Every record page and a few pages of every other kind: the policy is one header for the whole site.
const paths = browserSample([...new Set([...sitemapPaths(inject('siteDist')), SEARCH_PATH])]);

/** Records every CSP violation the page reports, from the first script on. */
async function recordViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

describe('security headers file', () => {
  it("sends the pages' policy, plus what only a header can say, and the other headers", () => {
    const headers = readFileSync(join(PROJECT_ROOT, 'public/_headers'), 'utf8');
    expect(headers).toContain(`  Content-Security-Policy: ${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'\n`);
    for (const header of ['Referrer-Policy: strict-origin-when-cross-origin', 'X-Content-Type-Options: nosniff', 'Permissions-Policy: '])
      expect(headers).toContain(header);
    expect(headers).toMatch(/\/_astro\/\*\n {2}Cache-Control: public, max-age=31536000, immutable/);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
  });
});

describeInBrowser('content security policy', siteUrl, ({ tabs }) => {
  test(
    'no page violates it',
    async () => {
      const found: string[] = [];
      for (const path of paths) {
        const visit = await tabs.open(path, { width: 1280, colorScheme: 'light', beforeGoto: recordViolations });
        try {
          found.push(...(await violations(visit.page)).map((v) => `${path}: ${v}`));
        } finally {
          await visit.close();
        }
      }
      expect(found).toEqual([]);
      // Every page of the sitemap in turn: the time allowed grows with the number of records.
    },
    Math.max(30_000, paths.length * 1_500),
  );

  test('searching does not violate it', async () => {
    const visit = await tabs.open(`${SEARCH_PATH}?q=securite`, { width: 1280, colorScheme: 'light', beforeGoto: recordViolations });
    try {
      await visit.page.waitForSelector('.pagefind-ui__result', { timeout: 15_000 });
      expect(await violations(visit.page)).toEqual([]);
    } finally {
      await visit.close();
    }
  });

  test("downloads a chart's CSV from its data: link, under the policy", async () => {
    const visit = await tabs.open('/certifications/rncp34762/', { width: 1280, colorScheme: 'light', beforeGoto: recordViolations });
    try {
      const [download] = await Promise.all([
        visit.page.waitForEvent('download'),
        visit.page.locator('figure.chart a[download]').first().click(),
      ]);
      expect(download.suggestedFilename()).toBe('rncp34762-insertion.csv');
      const text = readFileSync(await download.path(), 'utf8');
      expect(text.startsWith('\uFEFFPromotion,Insertion à 6 mois,Insertion à 2 ans,periode,source\r\n2018,76,,2018,')).toBe(true);
      expect(await violations(visit.page)).toEqual([]);
    } finally {
      await visit.close();
    }
  });

  test('is in force: an injected inline script is refused', async () => {
    const visit = await tabs.open('/', { width: 1280, colorScheme: 'light', beforeGoto: recordViolations });
    try {
      const ran = await visit.page.evaluate(async () => {
        const script = document.createElement('script');
        script.textContent = 'window.injected = true';
        document.body.append(script);
        await new Promise((resolve) => setTimeout(resolve, 50));
        return (window as unknown as { injected?: boolean }).injected === true;
      });
      expect(ran).toBe(false);
      expect((await violations(visit.page)).some((v) => v.startsWith('script-src'))).toBe(true);
    } finally {
      await visit.close();
    }
  });
});
