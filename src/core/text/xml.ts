/** XML text for every document the project writes (Atom feeds, SVG badges): escaping, and nothing else. */

/** Text safe in XML content and attribute values; characters XML 1.0 forbids are dropped. */
export function escapeXml(text: string): string {
  const replacements: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[&<>"']/g, (character) => replacements[character] ?? character);
}
