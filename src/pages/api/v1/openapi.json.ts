/** The OpenAPI 3.1 description of the static API, made from the kinds and the registry's tables (site/api-description.ts). */
import type { APIRoute } from 'astro';
import { openApiDescription } from '../../../site/api-description.ts';
import { withBase } from '../../../site/urls.ts';

export const GET: APIRoute = ({ site }) => {
  const server = new URL(withBase(''), site);
  return new Response(`${JSON.stringify(openApiDescription(server), null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
