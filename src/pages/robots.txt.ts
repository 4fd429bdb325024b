import type { APIRoute } from 'astro';
import { withBase } from '../site/urls.ts';

/** robots.txt with the sitemap's absolute address, which depends on the deployment's SITE_URL. */
export const GET: APIRoute = ({ site }) =>
  new Response(`User-agent: *\nAllow: /\n\nSitemap: ${new URL(withBase('sitemap-index.xml'), site).href}\n`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
