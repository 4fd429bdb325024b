/**
 * The label of each ROME code, as the records of an export give it. Records may disagree; the rule: the label
 * given by the most records wins, and between labels given by as many records, the one met first in the export.
 * The others are reported with the records that give them.
 */

export interface LabelChoice {
  code: string;
  label: string;
  /** Records that give the kept label. */
  records: string[];
  /** The other labels, with the records that give each. */
  others: { label: string; records: string[] }[];
}

export class RomeLabelVotes {
  private readonly votes = new Map<string, Map<string, string[]>>();

  add(code: string, label: string, record: string): void {
    let labels = this.votes.get(code);
    if (!labels) this.votes.set(code, (labels = new Map()));
    let records = labels.get(label);
    if (!records) labels.set(label, (records = []));
    if (!records.includes(record)) records.push(record);
  }

  /** Whether some record gave a label for this code. */
  has(code: string): boolean {
    return this.votes.has(code);
  }

  /** One choice per code, in code order. */
  choices(): LabelChoice[] {
    return [...this.votes.keys()].sort().map((code) => {
      // Map iteration follows insertion, so a stable sort keeps the first-met label ahead on a tie.
      const ranked = [...this.votes.get(code)!].sort((a, b) => b[1].length - a[1].length);
      const [[label, records], ...others] = ranked;
      return { code, label, records, others: others.map(([other, by]) => ({ label: other, records: by })) };
    });
  }
}
