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
 * has then imported nothing (it writes only once the whole export has been read).
 */
export async function* readFlowRecords(path: string, onHeader?: (header: FlowHeader) => void): AsyncGenerator<FlowElement> {
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

  parser.on('opentag', (tag) => {
    if (failure) return;
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
    if (stack.length > 1) stack[stack.length - 1].text += text;
  });
  parser.on('cdata', (text) => {
    if (stack.length > 1) stack[stack.length - 1].text += text;
  });
  parser.on('closetag', () => {
    if (failure) return;
    const element = stack.pop()!;
    element.text = element.children.length > 0 ? '' : element.text.trim();
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
  });
  parser.on('error', (error) => {
    const { message, hint } = frenchXmlProblem(error.message);
    fail(message, hint);
  });

  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let offset = 0;
  try {
    for await (const chunk of input.stream as AsyncIterable<Buffer>) {
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        fail(
          `le fichier n'est pas en UTF-8 valide (vers l'octet ${offset}).`,
          'Le flux officiel est en UTF-8 : téléchargez de nouveau l’export.',
        );
        break;
      }
      offset += chunk.length;
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

/** The first child element of that name. */
export function childOf(element: FlowElement | undefined, name: string): FlowElement | undefined {
  return element?.children.find((child) => child.name === name);
}

/** Every child element of that name, in order. */
export function childrenOf(element: FlowElement | undefined, name: string): FlowElement[] {
  return element ? element.children.filter((child) => child.name === name) : [];
}
