/** Parses one YAML file keeping positions, and maps JSON pointers back to line and column. */
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, visit } from 'yaml';
import type { Document, Node, YAMLError } from 'yaml';
import type { Diagnostic } from '../validation/diagnostic.ts';
import { fromPointer } from './json-pointer.ts';

/** Aliases allowed while turning YAML into data: enough for real files, far too few for a "billion laughs" bomb. */
const MAX_ALIAS_COUNT = 100;

export interface Position {
  line: number;
  column: number;
}

/** Which part of a mapping entry a pointer should land on: its key, or its value. */
export type Target = 'key' | 'value';

export interface ParsedYaml {
  /** The plain data, or undefined when the file could not be read as one YAML mapping. */
  data: unknown;
  diagnostics: Diagnostic[];
  /** Position of the node at a JSON pointer, or of its closest existing ancestor. */
  locate(pointer: string, target?: Target): Position;
}

const SYNTAX_MESSAGES: Record<string, [message: string, hint: string]> = {
  TAB_AS_INDENT: [
    'Tabulation utilisée pour indenter.',
    "Le YAML n'accepte que des espaces pour l'indentation : remplacez la tabulation par des espaces (2 par niveau).",
  ],
  DUPLICATE_KEY: [
    'Champ en double : ce champ est déjà présent plus haut au même niveau.',
    "Gardez un seul exemplaire du champ et supprimez ou renommez l'autre.",
  ],
  BAD_INDENT: ['Indentation incorrecte.', "Alignez les champs d'un même niveau sur la même colonne, avec des espaces."],
  MULTIPLE_DOCS: [
    'Le fichier contient plusieurs documents YAML (séparateur « --- »).',
    'Un fichier décrit une seule fiche : retirez le séparateur « --- » ou déplacez la suite dans un autre fichier.',
  ],
  MISSING_CHAR: [
    "Caractère manquant : un guillemet ou un crochet n'est pas refermé.",
    "Refermez le guillemet, le crochet ou l'accolade ouvert plus haut.",
  ],
  BLOCK_AS_IMPLICIT_KEY: ["Une clé est suivie d'une structure mal placée.", "Vérifiez les « : » et l'indentation de la ligne précédente."],
  MULTILINE_IMPLICIT_KEY: [
    "Une clé s'étend sur plusieurs lignes.",
    'Une clé tient sur une ligne et se termine par « : ». Mettez les textes longs entre guillemets.',
  ],
  UNEXPECTED_TOKEN: [
    'Caractère inattendu à cet endroit.',
    'Vérifiez la ponctuation : un texte qui contient « : » ou « # » doit être entre guillemets.',
  ],
  BAD_SCALAR_START: [
    'Une valeur commence par un caractère réservé.',
    'Mettez la valeur entre guillemets (par exemple "@valeur" ou "`texte`").',
  ],
  BAD_DQ_ESCAPE: [
    "Séquence d'échappement invalide entre guillemets doubles.",
    'Doublez la barre oblique inverse (\\\\) ou utilisez des guillemets simples.',
  ],
  BAD_ALIAS: ['Alias YAML invalide.', "Vérifiez le nom de l'ancre (&nom) citée par l'alias (*nom)."],
  KEY_OVER_1024_CHARS: ['Clé trop longue (plus de 1024 caractères).', 'Raccourcissez la clé.'],
  RESOURCE_EXHAUSTION: [
    'Structure trop profondément imbriquée pour être lue (crochets, accolades ou listes les uns dans les autres).',
    "Une fiche a au plus quelques niveaux d'imbrication : vérifiez les crochets et les accolades, ou écrivez les listes sur plusieurs lignes.",
  ],
};

/** Parses YAML text; every syntax problem becomes a diagnostic of rule "yaml-syntax". */
export function parseYaml(source: string, file: string): ParsedYaml {
  // YAML also ends lines with a lone CR (old Mac files); the parser does not, so make them LF (same offsets).
  const text = source.replace(/\r(?!\n)/g, '\n');
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const at = positionsOf(text);
  const diagnostics: Diagnostic[] = [];
  const report = (offset: number, message: string, hint: string, rule: string) => {
    diagnostics.push({ severity: 'error', file, ...at(offset), pointer: '', message, hint, rule });
  };

  // After the first syntax error the parser's view of the rest is unreliable: report that one
  // error, plus duplicate keys, which do not derail parsing.
  doc.errors.forEach((error, index) => {
    if (index > 0 && error.code !== 'DUPLICATE_KEY') return;
    const [message, hint] = syntaxMessage(error);
    report(error.pos[0], message, hint, 'yaml-syntax');
  });

  const control = CONTROL_CHARACTER.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    report(
      control.index,
      `Caractère de contrôle invisible (U+${code}) : il n'a pas sa place dans un fichier texte.`,
      "Supprimez-le : il vient souvent d'un copier-coller depuis un traitement de texte ou un PDF.",
      'encoding',
    );
  }

  let data: unknown;
  if (doc.errors.length === 0 && !control) {
    if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
      report(
        0,
        'Le fichier est vide.',
        'Remplissez la fiche (copiez un fichier voisin comme modèle) ou supprimez le fichier.',
        'empty-file',
      );
    } else if (!isMap(doc.contents)) {
      report(
        doc.contents.range?.[0] ?? 0,
        'Le fichier doit décrire une fiche sous forme de champs « clé: valeur », pas ' +
          (isSeq(doc.contents) ? 'une liste.' : 'une valeur isolée.'),
        'Commencez le fichier par les champs de la fiche, par exemple « code: K1704 », sans « - » ni indentation.',
        'yaml-root',
      );
    } else {
      const problem = findStructureProblem(doc);
      if (problem) {
        report(problem.offset, problem.message, problem.hint, 'yaml-syntax');
      } else {
        try {
          data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
        } catch (error) {
          if (!(error instanceof ReferenceError)) throw error;
          report(
            firstAliasOffset(doc),
            `Trop d'alias YAML (*nom) : plus de ${MAX_ALIAS_COUNT} recopies, ce qui ressemble à une « bombe » d'alias.`,
            "Écrivez les valeurs en clair au lieu d'utiliser des ancres (&nom) et des alias (*nom).",
            'yaml-alias',
          );
        }
      }
    }
  }

  return {
    data,
    diagnostics,
    locate: (pointer, target = 'value') => at(locateOffset(doc, pointer, target)),
  };
}

/**
 * A locator that parses the text with positions only when first asked, as most valid records never
 * are: keeping every record's parsed document instead would hold the whole registry in memory twice.
 */
export function deferredLocator(readText: () => string, file: string): ParsedYaml['locate'] {
  let locate: ParsedYaml['locate'] | undefined;
  return (pointer, target) => {
    locate ??= parseYaml(readText(), file).locate;
    return locate(pointer, target);
  };
}

/**
 * Maps a text offset to a 1-based line and column (in UTF-16 units, as editors count). Computed from
 * the text itself: the parser's own line counter stops counting where it stops tokenizing.
 */
function positionsOf(text: string): (offset: number) => Position {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return (offset) => {
    const clamped = Math.max(0, Math.min(offset, text.length));
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lineStarts[middle] <= clamped) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: clamped - lineStarts[low] + 1 };
  };
}

function syntaxMessage(error: YAMLError): [string, string] {
  const known = SYNTAX_MESSAGES[error.code];
  if (known) return known;
  const detail = error.message.split('\n')[0];
  return [
    `Erreur de syntaxe YAML (${error.code}) : ${detail}`,
    'Comparez la ligne avec un fichier voisin qui passe la validation : indentation, « : » après chaque clé, guillemets refermés.',
  ];
}

/** C0 controls other than tab, LF and CR, and DEL: never meant in a content file. */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * Problems the parser accepts but that have no meaning in a record: a key that is itself a list or
 * a mapping, an alias used before (or without) its anchor, and an alias inside the value it copies.
 */
function findStructureProblem(doc: Document): { offset: number; message: string; hint: string } | undefined {
  const anchors = new Set<string>();
  let problem: { offset: number; message: string; hint: string } | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (pair.key !== null && !isScalar(pair.key) && !isAlias(pair.key)) {
        problem = {
          offset: (pair.key as Node).range?.[0] ?? 0,
          message: 'Une clé doit être un simple nom, pas une liste ni un ensemble de champs.',
          hint: 'Écrivez la clé comme un mot suivi de « : », par exemple « intitule: … ».',
        };
        return visit.BREAK;
      }
      return undefined;
    },
    Node(_, node) {
      if (node.anchor) anchors.add(node.anchor);
      return undefined;
    },
    Alias(_, alias, path) {
      const insideItsAnchor = path.some((ancestor) => (ancestor as { anchor?: string }).anchor === alias.source);
      if (insideItsAnchor) {
        problem = {
          offset: alias.range?.[0] ?? 0,
          message: `L'alias *${alias.source} est placé à l'intérieur de la valeur qu'il recopie : la fiche serait infinie.`,
          hint: "Écrivez la valeur en clair au lieu d'utiliser une ancre et un alias.",
        };
        return visit.BREAK;
      }
      if (anchors.has(alias.source)) return undefined;
      problem = {
        offset: alias.range?.[0] ?? 0,
        message: `L'alias *${alias.source} renvoie à une ancre &${alias.source} qui n'est pas définie avant lui.`,
        hint: `Définissez l'ancre (&${alias.source}) plus haut dans le fichier, ou écrivez la valeur en clair.`,
      };
      return visit.BREAK;
    },
  });
  return problem;
}

function firstAliasOffset(doc: Document): number {
  let offset = 0;
  visit(doc, {
    Alias(_, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

interface Found {
  key: Node | null;
  value: Node | null;
  /** How many trailing segments could not be found. */
  missing: number;
}

function findNode(doc: Document, segments: string[]): Found {
  let key: Node | null = null;
  let value: Node | null = doc.contents as Node | null;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (isAlias(value)) return { key, value, missing: segments.length - i };
    if (isMap(value)) {
      const pair = value.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === segment);
      if (!pair) return { key, value, missing: segments.length - i };
      key = pair.key as Node;
      value = (pair.value as Node | null) ?? null;
      if (value === null) return { key, value: null, missing: segments.length - i - 1 };
    } else if (isSeq(value)) {
      const item = value.items[Number(segment)] as Node | undefined;
      if (!/^\d+$/.test(segment) || !item) return { key, value, missing: segments.length - i };
      key = null;
      value = item;
    } else {
      return { key, value, missing: segments.length - i };
    }
  }
  return { key, value, missing: 0 };
}

function locateOffset(doc: Document, pointer: string, target: Target): number {
  const found = findNode(doc, fromPointer(pointer));
  if (found.missing > 0 || target === 'key') return found.key?.range?.[0] ?? found.value?.range?.[0] ?? 0;
  return found.value?.range?.[0] ?? found.key?.range?.[0] ?? 0;
}
