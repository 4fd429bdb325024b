/**
 * The built pages the search index reads: the record pages, the certifiers' pages (« who awards it ») and
 * the pages that explain the site and its data (à propos, field reference, open data). Lists,
 * history pages and open-data files are never indexed, so Pagefind does not even open them: at
 * registry scale they are most of the site.
 */
import { RECORD_KINDS } from '../core/kinds/record-kinds.ts';

export const INDEXED_PAGES = `{${RECORD_KINDS.map((k) => `${k.urlSegment}/*`).join(',')},certificateurs/*,a-propos,reference,donnees}/index.html`;
