/**
 * The built pages the search index reads: the record pages and the two reference pages. Lists,
 * history pages and open-data files are never indexed, so Pagefind does not even open them: at
 * registry scale they are most of the site.
 */
export const INDEXED_PAGES = '{certifications/*,rome/*,a-propos,reference}/index.html';
