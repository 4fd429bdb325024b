/**
 * Helpers of the import tests: the bundled sample exports read as small element trees (parsed here with
 * saxes, independently of the importer's reader) that tests edit and write back as new exports; temporary
 * projects (the project's schemas, an empty or copied content/); a hash of every file of a tree; the import
 * command run in the test process.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { SaxesParser } from 'saxes';
import { parse } from 'yaml';
import yazl from 'yazl';
import { main } from '../../src/cli/import.ts';
import { PROJECT_ROOT, makeTree } from '../helpers/content-tree.ts';

export type Registry = 'RNCP' | 'RS';

export const SAMPLES: Record<Registry, string> = {
  RNCP: join(PROJECT_ROOT, 'data/flux/rncp-export-sample.xml'),
  RS: join(PROJECT_ROOT, 'data/flux/rs-export-sample.xml'),
};

/** An element of the flow: its text (as written, entities decoded) or its children. */
export interface XmlNode {
  name: string;
  text: string;
  children: XmlNode[];
}

/** Parses a flow document (elements and text only, as the flow is) into its root element. */
export function parseXml(xml: string): XmlNode {
  const parser = new SaxesParser();
  const stack: XmlNode[] = [];
  let root: XmlNode | undefined;
  parser.on('opentag', (tag) => {
    const node: XmlNode = { name: tag.name, text: '', children: [] };
    stack.at(-1)?.children.push(node);
    stack.push(node);
    root ??= node;
  });
  parser.on('text', (text) => {
    if (stack.length > 0) stack[stack.length - 1].text += text;
  });
  parser.on('cdata', (text) => {
    if (stack.length > 0) stack[stack.length - 1].text += text;
  });
  parser.on('closetag', () => {
    const node = stack.pop()!;
    if (node.children.length > 0) node.text = '';
  });
  parser.write(xml).close();
  return root!;
}

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Writes an element back as the flow does: one element per line, indented by two spaces. */
export function serialize(node: XmlNode, depth = 0): string {
  const pad = '  '.repeat(depth);
  if (node.children.length === 0) return `${pad}<${node.name}>${escapeText(node.text)}</${node.name}>\n`;
  return `${pad}<${node.name}>\n${node.children.map((c) => serialize(c, depth + 1)).join('')}${pad}</${node.name}>\n`;
}

const sampleRoots = new Map<Registry, XmlNode>();

/** The FICHE elements of a bundled sample, as fresh copies that a test may edit. */
export function sampleFiches(registry: Registry): XmlNode[] {
  if (!sampleRoots.has(registry)) sampleRoots.set(registry, parseXml(readFileSync(SAMPLES[registry], 'utf8')));
  return structuredClone(sampleRoots.get(registry)!.children.filter((c) => c.name === 'FICHE'));
}

/** One FICHE of a sample, by its number. */
export function sampleFiche(registry: Registry, id: string): XmlNode {
  const fiche = sampleFiches(registry).find((f) => textOf(f, 'NUMERO_FICHE') === id);
  if (!fiche) throw new Error(`no FICHE ${id} in the ${registry} sample`);
  return fiche;
}

/** The first child of that name. */
export function childOf(node: XmlNode, name: string): XmlNode | undefined {
  return node.children.find((c) => c.name === name);
}

/** Every child of that name. */
export function childrenOf(node: XmlNode | undefined, name: string): XmlNode[] {
  return node?.children.filter((c) => c.name === name) ?? [];
}

/** The element at a path of child names ("CERTIFICATEURS/CERTIFICATEUR/NOM_CERTIFICATEUR": first of each). */
export function elementAt(node: XmlNode, path: string): XmlNode {
  let current = node;
  for (const name of path.split('/')) {
    const next = childOf(current, name);
    if (!next) throw new Error(`no element ${path} (missing ${name})`);
    current = next;
  }
  return current;
}

/** The trimmed text of the element at a path. */
export function textOf(node: XmlNode, path: string): string {
  return elementAt(node, path).text.trim();
}

/** Sets the text of the element at a path. */
export function setText(node: XmlNode, path: string, text: string): void {
  elementAt(node, path).text = text;
}

/** A leaf element. */
export function leaf(name: string, text: string): XmlNode {
  return { name, text, children: [] };
}

/** An element holding others. */
export function element(name: string, children: XmlNode[]): XmlNode {
  return { name, text: '', children };
}

/** Gives a FICHE another number, and its block codes ("RNCP35809BC01") the new number's prefix. */
export function renumber(fiche: XmlNode, id: string): XmlNode {
  const old = textOf(fiche, 'NUMERO_FICHE');
  childOf(fiche, 'NUMERO_FICHE')!.text = id;
  const visit = (node: XmlNode) => {
    if (node.name === 'CODE' && node.text.startsWith(`${old}BC`)) node.text = id + node.text.slice(old.length);
    node.children.forEach(visit);
  };
  for (const name of ['BLOCS_COMPETENCES', 'CORRESPONDANCES']) childrenOf(fiche, name).forEach(visit);
  return fiche;
}

/** Replaces a FICHE's ROME codes. */
export function setRome(fiche: XmlNode, codes: [code: string, label: string][]): XmlNode {
  const list = element(
    'CODES_ROME',
    codes.map(([code, label]) => element('ROME', [leaf('CODE', code), leaf('LIBELLE', label)])),
  );
  const index = fiche.children.findIndex((c) => c.name === 'CODES_ROME');
  if (index === -1) fiche.children.push(list);
  else fiche.children[index] = list;
  return fiche;
}

/** An export document holding these FICHEs. */
export function exportXml(fiches: XmlNode[], options: { version?: string | null; root?: string } = {}): string {
  const version = options.version === undefined ? '4.1' : options.version;
  const root = options.root ?? 'FICHES';
  const head = version === null ? '' : `  <VERSION_FLUX>${version}</VERSION_FLUX>\n`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<${root}>\n${head}${fiches.map((f) => serialize(f, 1)).join('')}</${root}>\n`;
}

/** The official name of an export file. */
export function officialName(registry: Registry, date = '2026-08-16'): string {
  return `export_fiches_${registry}_V4_1_${date}.xml`;
}

/** Writes a file (creating its folder) and returns its path. */
export function writeFile(dir: string, name: string, data: string | Uint8Array): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

/** The 1-based line of the first occurrence of a text in a document. */
export function lineOf(text: string, search: string): number {
  const index = text.indexOf(search);
  if (index === -1) throw new Error(`not found: ${search}`);
  return text.slice(0, index).split('\n').length;
}

/** Makes a zip holding these files, with yazl (the way the official zips are built: deflated entries). */
export function makeZip(path: string, entries: { name: string; data: string | Buffer }[]): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const entry of entries) zip.addBuffer(Buffer.from(entry.data), entry.name);
  zip.end();
  return new Promise((resolve, reject) => {
    zip.outputStream.pipe(createWriteStream(path)).on('close', resolve).on('error', reject);
  });
}

export interface Project {
  root: string;
  content: string;
  /** Where the importer builds its next tree. */
  work: string;
  /** Exports written for the test, outside the project. */
  exports: string;
}

/** A temporary project: the project's schemas, and an empty content/ or a copy of the project's. */
export function makeProject(content: 'empty' | 'project' = 'empty'): Project {
  const root = makeTree({ base: content === 'project' ? 'project' : 'fixture' });
  if (content === 'empty') {
    rmSync(join(root, 'content'), { recursive: true, force: true });
    mkdirSync(join(root, 'content'));
  }
  return { root, content: join(root, 'content'), work: join(root, '.certidocs-import'), exports: join(root, 'exports') };
}

/** The SHA-256 of every file under a folder, by relative path; empty for a missing folder. */
export function hashTree(dir: string): Record<string, string> {
  const hashes: Record<string, string> = {};
  if (!existsSync(dir)) return hashes;
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else hashes[relative(dir, path).split(sep).join('/')] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(dir);
  return Object.fromEntries(Object.entries(hashes).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Reads a record file of a project's content/ as data. */
export function readRecord(project: Project, path: string): Record<string, any> {
  return parse(readFileSync(join(project.content, path), 'utf8')) as Record<string, any>;
}

/** Runs `npm run import` in the test process. */
export async function runImport(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(
    args,
    (t) => (stdout += t),
    (t) => (stderr += t),
  );
  return { code, stdout, stderr };
}

/** Imports an export into a project with the CLI and returns its JSON report (the command must succeed). */
export async function importInto(project: Project, file: string, ...args: string[]): Promise<Record<string, any>> {
  const result = await runImport([file, '--root', project.root, '--content', project.content, '--format', 'json', ...args]);
  if (result.code !== 0) throw new Error(`import failed (${result.code}): ${result.stderr}`);
  return JSON.parse(result.stdout) as Record<string, any>;
}
