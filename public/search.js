// The site's only script: loads Pagefind's search interface when the reader starts a search
// (a query in the address, a submit, or the first focus in the search field). Without it, the
// page keeps a plain form and links to the lists.
const base = document.currentScript?.dataset.base ?? '/';
const form = document.getElementById('recherche-formulaire');
const field = document.getElementById('recherche-page');
let started = false;

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = resolve;
    script.onerror = reject;
    document.head.append(script);
  });
}

// The bundles after the first, as pagefind/bundles.json lists them; none if it cannot be read.
async function bundlesToMerge() {
  try {
    const response = await fetch(`${base}pagefind/bundles.json`);
    const list = response.ok ? await response.json() : {};
    return Array.isArray(list.merge) ? list.merge.filter((part) => typeof part === 'string') : [];
  } catch {
    return [];
  }
}

async function start(query) {
  if (started) return;
  started = true;
  const style = document.createElement('link');
  style.rel = 'stylesheet';
  style.href = `${base}pagefind/pagefind-ui.css`;
  document.head.append(style);
  const [merge] = await Promise.all([bundlesToMerge(), loadScript(`${base}pagefind/pagefind-ui.js`)]);
  form.hidden = true;
  const ui = new window.PagefindUI({
    element: '#resultats',
    bundlePath: `${base}pagefind/`,
    baseUrl: base,
    // The index comes in bundles of a few thousand pages (src/core/search/search-bundles.ts), merged here.
    mergeIndex: merge.map((part) => ({ bundlePath: `${base}pagefind/${part}`, baseUrl: base })),
    showSubResults: true,
    showImages: false,
    autofocus: true,
  });
  if (query) ui.triggerSearch(query);
}

if (form && field) {
  const query = new URLSearchParams(window.location.search).get('q')?.trim();
  if (query) {
    field.value = query;
    start(query);
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    start(field.value.trim());
  });
  field.addEventListener('focus', () => start(field.value.trim()), { once: true });
}
