/**
 * The label of each ROME code, as the records of an export give it. Records may disagree; the rule: the label
 * given by the most records wins, and between labels given by as many records, the one met first in the export
 * (the lowest line). The others are reported with the records that give them. Votes counted by several workers,
 * each on a share of the records, merge into the same choices.
 */

/** The records that give one label to a code, and the line where it is first given. */
export interface LabelVote {
  records: string[];
  line: number;
}

export interface LabelChoice {
  code: string;
  label: string;
  /** Records that give the kept label. */
  records: string[];
  /** The other labels, with the records that give each. */
  others: { label: string; records: string[] }[];
}

export class RomeLabelVotes {
  private readonly votes = new Map<string, Map<string, LabelVote>>();

  add(code: string, label: string, record: string, line: number): void {
    let labels = this.votes.get(code);
    if (!labels) this.votes.set(code, (labels = new Map()));
    const vote = labels.get(label);
    if (!vote) labels.set(label, { records: [record], line });
    else {
      if (!vote.records.includes(record)) vote.records.push(record);
      vote.line = Math.min(vote.line, line);
    }
  }

  /** The votes as plain data, to send from a worker. */
  toJSON(): [string, [string, LabelVote][]][] {
    return [...this.votes].map(([code, labels]) => [code, [...labels]]);
  }

  /** Adds the votes another counter made on other records. */
  merge(votes: [string, [string, LabelVote][]][]): void {
    for (const [code, labels] of votes)
      for (const [label, vote] of labels) for (const record of vote.records) this.add(code, label, record, vote.line);
  }

  /** One choice per code, in code order; a label's records in number order. */
  choices(): LabelChoice[] {
    return [...this.votes.keys()].sort().map((code) => {
      const ranked = [...this.votes.get(code)!].sort((a, b) => b[1].records.length - a[1].records.length || a[1].line - b[1].line);
      const [[label, { records }], ...others] = ranked;
      return {
        code,
        label,
        records: [...records].sort(),
        others: others.map(([other, vote]) => ({ label: other, records: [...vote.records].sort() })),
      };
    });
  }
}
