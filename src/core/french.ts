/** French wording shared by messages: numbers, values, quotes. */

const numberFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 6, useGrouping: false });

/** Writes a number the French way without losing published precision: 40.1 → "40,1". */
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** Writes a percentage: 147 → "147 %" (narrow no-break space before the sign). */
export function formatPercent(value: number): string {
  return `${formatNumber(value)} %`;
}

/** Quotes a name or value with French guillemets. */
export function quote(text: string): string {
  return `« ${text} »`;
}

/** Describes a YAML/JSON value for a message: its kind and, if short, the value itself. */
export function describeValue(value: unknown): string {
  if (value === null) return 'une valeur vide';
  if (Array.isArray(value)) return 'une liste';
  switch (typeof value) {
    case 'string':
      return value.length <= 60 ? `le texte ${quote(value)}` : 'un texte';
    case 'number':
      return `le nombre ${formatNumber(value)}`;
    case 'boolean':
      return value ? 'la valeur true (oui)' : 'la valeur false (non)';
    case 'object':
      return 'un ensemble de champs';
    default:
      return 'une valeur';
  }
}

/** Names a JSON Schema type in French. */
export function typeName(type: string): string {
  const names: Record<string, string> = {
    string: 'un texte',
    number: 'un nombre',
    integer: 'un nombre entier',
    boolean: 'true ou false',
    object: 'un ensemble de champs (clé: valeur)',
    array: 'une liste (éléments précédés de « - »)',
    null: 'une valeur vide',
  };
  return names[type] ?? type;
}
