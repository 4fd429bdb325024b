/**
 * Reads France Compétences' open-data flow (XML v4.1, root FICHES, then one FICHE per record) as a stream:
 * memory holds one record at a time, whatever the size of the export. The export is either the XML file or
 * the zip as published, with one XML file inside.
 */
import { createReadStream, openSync, readSync, closeSync, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { basename } from 'node:path';
import { SaxesParser } from 'saxes';
import yauzl from 'yauzl';

/** The one flow version this importer knows. */
export const FLOW_VERSION = '4.1';

/** An element of a FICHE: its text (trimmed) or its children, and where it starts in the XML. */
export interface FlowElement {
  name: string;
  text: string;
  children: FlowElement[];
  line: number;
  column: number;
}

/** Why an export cannot be read, in French, with where in the file; nothing is imported then. */
export class FlowError extends Error {
  readonly file: string;
  readonly hint: string;
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(message: string, file: string, hint: string, line?: number, column?: number) {
    super(message);
    this.file = file;
    this.hint = hint;
    this.line = line;
    this.column = column;
  }

  /** "file:line:column" (or the file alone) followed by the message and the hint. */
  describe(): string {
    const where = this.line === undefined ? this.file : `${this.file}:${this.line}:${this.column ?? 1}`;
    return `${where} : ${this.message}\n  → ${this.hint}`;
  }
}

/** The XML stream of an export and the name of the XML file (inside the zip, or the file itself). */
interface FlowInput {
  stream: Readable;
  xmlName: string;
  /** How the file is named in messages: "export.zip › export.xml" for a zip. */
  label: string;
}

const ZIP_MAGIC = Buffer.from('PK\u0003\u0004', 'latin1');

function startsWithZipMagic(path: string): boolean {
  const head = Buffer.alloc(4);
  const fd = openSync(path, 'r');
  try {
    return readSync(fd, head, 0, 4, 0) === 4 && head.equals(ZIP_MAGIC);
  } finally {
    closeSync(fd);
  }
}

/** Opens the XML of an export, from the file or from the single XML file of a zip. */
async function openInput(path: string): Promise<FlowInput> {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new FlowError('fichier introuvable.', path, "Donnez le chemin d'un export du flux (fichier .xml ou .zip).");
  }
  if (size === 0)
    throw new FlowError('le fichier est vide.', path, 'Téléchargez de nouveau l’export : le fichier est sans doute incomplet.');
  if (!startsWithZipMagic(path)) return { stream: createReadStream(path), xmlName: basename(path), label: path };
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false });
  } catch (error) {
    throw new FlowError(
      `le zip est illisible (${(error as Error).message}).`,
      path,
      'Téléchargez de nouveau l’export : un zip tronqué ou abîmé ne peut pas être lu.',
    );
  }
  const xmlEntries: yauzl.Entry[] = [];
  const names: string[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      names.push(entry.fileName);
      if (!entry.fileName.endsWith('/') && /\.xml$/i.test(entry.fileName)) xmlEntries.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  }).catch((error: Error) => {
    throw new FlowError(`le zip est illisible (${error.message}).`, path, 'Téléchargez de nouveau l’export.');
  });
  if (xmlEntries.length !== 1) {
    zip.close();
    const found = names.length === 0 ? 'aucun fichier' : names.map((n) => `« ${n} »`).join(', ');
    throw new FlowError(
      xmlEntries.length === 0
        ? `le zip ne contient aucun fichier XML (il contient : ${found}).`
        : `le zip contient ${xmlEntries.length} fichiers XML au lieu d'un seul (${found}).`,
      path,
      'Un export officiel est un zip qui contient un seul fichier export_fiches_RNCP_V4_1_AAAA-MM-JJ.xml (ou RS) : vérifiez le fichier téléchargé.',
    );
  }
  const entry = xmlEntries[0];
  const stream = await zip.openReadStreamPromise(entry);
  stream.on('close', () => zip.close());
  return { stream, xmlName: basename(entry.fileName), label: `${path} › ${entry.fileName}` };
}

/** What the reader learned from the file besides its records. */
export interface FlowHeader {
  /** The XML file's name (inside the zip for a zip). */
  xmlName: string;
  /** How to name the file in messages. */
  label: string;
}

/** English saxes messages a publisher may meet, in French. */
function frenchXmlProblem(message: string): { message: string; hint: string } {
  const detail = message.replace(/^[^:]*:\d+:\d+: /, '');
  if (/unclosed tag|unexpected end|document must contain a root element/i.test(detail)) {
    return {
      message: `le fichier s'arrête avant sa fin (${detail}) : il est tronqué.`,
      hint: 'Téléchargez de nouveau l’export : un téléchargement interrompu donne un fichier incomplet.',
    };
  }
  return {
    message: `le XML est mal formé (${detail}).`,
    hint: 'Vérifiez que le fichier est bien un export du flux officiel, sans modification à la main.',
  };
}

/**
 * Yields the FICHE elements of an export, one at a time, after checking that the file is a flow of version 4.1.
 * Throws a FlowError for a file that is not a flow, of another version, truncated or malformed; the caller
 * has then imported nothing (it writes only once the whole export has been read). With `keep`, a FICHE whose
 * NUMERO_FICHE it refuses comes with the elements before its number only (the rest is checked, not kept).
 */
export async function* readFlowRecords(
  path: string,
  onHeader?: (header: FlowHeader) => void,
  keep?: (id: string) => boolean,
): AsyncGenerator<FlowElement> {
  const input = await openInput(path);
  onHeader?.({ xmlName: input.xmlName, label: input.label });
  const parser = new SaxesParser({ position: true, fileName: input.label });
  const ready: FlowElement[] = [];
  const stack: FlowElement[] = [];
  let failure: FlowError | undefined;
  let rootSeen = false;
  let version: string | undefined;
  const fail = (message: string, hint: string, line = parser.line, column = parser.column + 1) => {
    failure ??= new FlowError(message, input.label, hint, line, column);
  };

  // A FICHE another worker imports: once its NUMERO_FICHE is read, the rest of it is parsed but not kept.
  let skipping = 0;
  parser.on('opentag', (tag) => {
    if (failure) return;
    if (skipping > 0) {
      skipping++;
      return;
    }
    const element: FlowElement = { name: tag.name, text: '', children: [], line: parser.line, column: parser.column };
    if (!rootSeen) {
      rootSeen = true;
      if (tag.name !== 'FICHES') {
        fail(
          `ce fichier n'est pas un export du flux : son élément racine est <${tag.name}>, pas <FICHES>.`,
          'Importez un export officiel des fiches RNCP ou RS (flux XML v4.1 de France Compétences).',
        );
      }
      stack.push(element);
      return;
    }
    if (stack.length === 1 && tag.name === 'FICHE' && version === undefined) {
      fail(
        '<VERSION_FLUX> manque avant la première fiche.',
        `Cet importeur lit le flux en version ${FLOW_VERSION} et refuse un fichier qui ne dit pas sa version.`,
      );
    }
    stack.push(element);
  });
  parser.on('text', (text) => {
    if (stack.length > 1 && skipping === 0) stack[stack.length - 1].text += text;
  });
  parser.on('cdata', (text) => {
    if (stack.length > 1 && skipping === 0) stack[stack.length - 1].text += text;
  });
  parser.on('closetag', () => {
    if (failure) return;
    // Inside a skipped FICHE, only its own closing tag counts (skipping is 1 again then).
    if (skipping > 1) {
      skipping--;
      return;
    }
    skipping = 0;
    const element = stack.pop()!;
    element.text = element.children.length > 0 ? '' : detached(element.text.trim());
    const parent = stack[stack.length - 1];
    if (!parent) return;
    if (stack.length === 1) {
      if (element.name === 'VERSION_FLUX') {
        version = element.text;
        if (version !== FLOW_VERSION) {
          fail(
            `version du flux « ${version} » : cet importeur ne lit que la version ${FLOW_VERSION}.`,
            `Vérifiez l'export téléchargé ; si France Compétences publie une nouvelle version, l'importeur doit d'abord être adapté à son schéma.`,
            element.line,
            element.column,
          );
        }
      } else if (element.name === 'FICHE') ready.push(element);
      return;
    }
    parent.children.push(element);
    if (keep && stack.length === 2 && element.name === 'NUMERO_FICHE' && !keep(element.text)) skipping = 1;
  });
  // saxes reads an entity up to the next ";", however far: an unescaped "&" is found out lines later. The first
  // "&" that starts no entity reference is kept, to name its place when saxes then complains about an entity.
  let bareAmpersand: { line: number; column: number } | undefined;
  parser.on('error', (error) => {
    const { message, hint } = frenchXmlProblem(error.message);
    if (bareAmpersand && /entity/i.test(error.message)) {
      fail(`le XML est mal formé (« & » non échappé : écrivez « &amp; »).`, hint, bareAmpersand.line, bareAmpersand.column);
    } else fail(message, hint);
  });

  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let offset = 0;
  try {
    for await (const chunk of input.stream as AsyncIterable<Buffer>) {
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        const invalid = firstInvalidUtf8Byte(chunk);
        fail(
          `le fichier n'est pas en UTF-8 valide (octet ${offset + invalid}).`,
          'Le flux officiel est en UTF-8 : téléchargez de nouveau l’export.',
          parser.line + countNewlines(chunk, invalid),
          1,
        );
        break;
      }
      offset += chunk.length;
      bareAmpersand ??= bareAmpersandIn(text, parser.line, parser.column);
      parser.write(text);
      if (failure) break;
      while (ready.length > 0) yield ready.shift()!;
    }
    if (!failure) parser.close();
  } finally {
    input.stream.destroy();
  }
  if (!failure && !rootSeen)
    fail('le fichier ne contient aucun élément XML.', 'Importez un export officiel du flux (fichier .xml ou .zip).');
  if (!failure && version === undefined) {
    fail('<VERSION_FLUX> manque.', `Cet importeur lit le flux en version ${FLOW_VERSION} et refuse un fichier qui ne dit pas sa version.`);
  }
  if (failure) throw failure;
  while (ready.length > 0) yield ready.shift()!;
}

const ENTITY_REFERENCE = /&(?![A-Za-z_:][\w.:-]{0,63};|#\d{1,10};|#x[0-9A-Fa-f]{1,8};)/g;

/** Where the first "&" of a text that starts no entity reference is (ignoring one cut by the chunk's end). */
function bareAmpersandIn(text: string, line: number, column: number): { line: number; column: number } | undefined {
  ENTITY_REFERENCE.lastIndex = 0;
  const match = ENTITY_REFERENCE.exec(text);
  if (!match || match.index > text.length - 80) return undefined;
  const before = text.lastIndexOf('\n', match.index);
  let lines = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < match.index; i = text.indexOf('\n', i + 1)) lines++;
  return lines === 0 ? { line, column: column + match.index + 1 } : { line: line + lines, column: match.index - before };
}

/** How many line feeds the first `end` bytes hold. */
function countNewlines(bytes: Buffer, end: number): number {
  let count = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < end; i = bytes.indexOf(0x0a, i + 1)) count++;
  return count;
}

/**
 * The index of the first byte that breaks UTF-8 in a chunk (bytes continuing a character begun in the previous
 * chunk are skipped); the chunk's length when a character is only cut by its end.
 */
function firstInvalidUtf8Byte(bytes: Buffer): number {
  let i = 0;
  while (i < Math.min(3, bytes.length) && (bytes[i] & 0xc0) === 0x80) i++;
  while (i < bytes.length) {
    const byte = bytes[i];
    const length =
      byte < 0x80 ? 1 : byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      if (i + k >= bytes.length) return bytes.length;
      const next = bytes[i + k];
      const low = k === 1 && byte === 0xe0 ? 0xa0 : k === 1 && byte === 0xf0 ? 0x90 : 0x80;
      const high = k === 1 && byte === 0xed ? 0x9f : k === 1 && byte === 0xf4 ? 0x8f : 0xbf;
      if (next < low || next > high) return i;
    }
    i += length;
  }
  return bytes.length;
}

/**
 * A copy of a text that does not point into the decoded chunk it was cut from. V8 keeps a slice's whole parent
 * alive: one title kept by the report would keep its 64 KB chunk, and thousands of them the whole export.
 * Concatenating flattens into a new string, whose slice then holds only that copy.
 */
function detached(text: string): string {
  return text.length < 13 ? text : ` ${text}`.slice(1);
}

/** The first child element of that name. */
export function childOf(element: FlowElement | undefined, name: string): FlowElement | undefined {
  return element?.children.find((child) => child.name === name);
}

/** Every child element of that name, in order. */
export function childrenOf(element: FlowElement | undefined, name: string): FlowElement[] {
  return element ? element.children.filter((child) => child.name === name) : [];
}
