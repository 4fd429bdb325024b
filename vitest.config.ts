import { getViteConfig } from 'astro/config';

// Astro's Vite config, so that tests can render .astro components with the container API.
export default getViteConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    // Vitest's default is one worker fewer than the cores: one on CI's two. Most of a test's time is spent
    // waiting for a child (Astro, Pagefind, git, Chromium), so two workers keep both cores busy.
    maxWorkers: 2,
    // Builds the site once and serves it for the browser, budget and open-data tests (adds ~4-6 s to every run).
    globalSetup: ['tests/global-setup.ts'],
  },
});
