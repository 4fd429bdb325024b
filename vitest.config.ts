import { getViteConfig } from 'astro/config';

// Astro's Vite config, so that tests can render .astro components with the container API.
export default getViteConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
