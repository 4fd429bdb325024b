/** The Content-Security-Policy of every page; public/_headers sends the same one as a header (tested). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // Pagefind runs its index search in WebAssembly; no inline script anywhere.
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');
