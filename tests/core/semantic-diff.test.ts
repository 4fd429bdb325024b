import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { kindForFolder } from '../../src/core/kinds/record-kinds.ts';
import type { RecordKind } from '../../src/core/kinds/record-kinds.ts';
import { loadSchemaFiles } from '../../src/core/schemas/schema-store.ts';
import { diffRecords } from '../../src/core/diff/semantic-diff.ts';
import type { ContentVersion, FileRename, RecordFile } from '../../src/core/diff/semantic-diff.ts';
import { PROJECT_ROOT, readText } from '../helpers/content-tree.ts';

const schemas = loadSchemaFiles(join(PROJECT_ROOT, 'schemas'));

type Fields = Record<string, any>;

const CERTIFICATION = 'content/certifications/rncp39853.yaml';
const K1704 = 'content/rome/k1704.yaml';
const K1404 = 'content/rome/k1404.yaml';

/** A fresh copy of a project record's data. */
function load(file: string): Fields {
  return parse(readText(PROJECT_ROOT, file)) as Fields;
}

function record(file: string, data: Fields): RecordFile {
  const kind: RecordKind = kindForFolder(file.split('/')[1] ?? '')!.kind;
  return { kind, data };
}

function version(files: Record<string, Fields | RecordFile>): ContentVersion {
  return new Map(Object.entries(files).map(([file, value]) => [file, 'kind' in value ? (value as RecordFile) : record(file, value)]));
}

/** Diffs one record against an edited copy of itself and returns its changes. */
function changesOf(file: string, edit: (data: Fields) => void): unknown[] {
  const after = load(file);
  edit(after);
  const result = diffRecords(version({ [file]: load(file) }), version({ [file]: after }), [], schemas);
  expect(result).toHaveLength(1);
  return result[0].changes;
}

function diff(before: Record<string, Fields | RecordFile>, after: Record<string, Fields | RecordFile>, renames: FileRename[] = []) {
  return diffRecords(version(before), version(after), renames, schemas);
}

describe('diffRecords: values at depth', () => {
  it('reports nothing for identical versions', () => {
    const all = { [CERTIFICATION]: load(CERTIFICATION), [K1704]: load(K1704), [K1404]: load(K1404) };
    expect(diff(all, { [CERTIFICATION]: load(CERTIFICATION), [K1704]: load(K1704), [K1404]: load(K1404) })).toEqual([]);
  });

  it('names a salary bracket by its bounds and shows percentages in French', () => {
    expect(changesOf(K1704, (d) => (d.marche_du_travail.salaires_offres.tranches[3].part_offres = 45.1))).toEqual([
      {
        op: 'set',
        path: ['salaires (T1 2025)', '1\u202f830–3\u202f049\u202f€', 'part des offres'],
        pointer: '/marche_du_travail/salaires_offres/tranches/3/part_offres',
        before: 44.29,
        after: 45.1,
        shown: { before: '44,29\u202f%', after: '45,1\u202f%' },
      },
    ]);
  });

  it('labels open-ended brackets and keeps a bracket whose bound changed in place', () => {
    const changes = changesOf(K1704, (d) => {
      d.marche_du_travail.salaires_offres.tranches[0].part_offres = 6;
      d.marche_du_travail.salaires_offres.tranches[3].max = 3099;
      d.marche_du_travail.salaires_offres.tranches[4].part_offres = 3;
    });
    expect(changes.map((c: any) => [c.op, c.path.join(' › '), c.shown])).toEqual([
      ['set', "salaires (T1 2025) › jusqu'à 914\u202f€ › part des offres", { before: '6,07\u202f%', after: '6\u202f%' }],
      ['set', "salaires (T1 2025) › 1\u202f830–3\u202f099\u202f€ › jusqu'à", { before: '3\u202f049\u202f€', after: '3\u202f099\u202f€' }],
      ['set', 'salaires (T1 2025) › à partir de 3\u202f050\u202f€ › part des offres', { before: '2,86\u202f%', after: '3\u202f%' }],
    ]);
  });

  it('names euro amounts, distribution rows by their libellé and indicators by their title', () => {
    const changes = changesOf(K1704, (d) => {
      d.marche_du_travail.salaires_offres.fourchette_principale.min = 1900;
      d.marche_du_travail.repartitions.diplome.lignes[3].offres_emploi = 23;
      d.marche_du_travail.embauches.valeur = 1250;
      d.marche_du_travail.difficulte_recrutement.valeur = 12.5;
    });
    expect(changes.map((c: any) => `${c.path.join(' › ')} : ${c.shown.before} → ${c.shown.after}`)).toEqual([
      'salaires (T1 2025) › fourchette principale › salaire minimal : 1\u202f833\u202f€ → 1\u202f900\u202f€',
      "embauches de demandeurs d'emploi › valeur : 1\u202f230 → 1\u202f250",
      'difficulté de recrutement › valeur : aucune donnée (« Aucune donnée disponible sur les difficultés de recrutement ») → 12,5\u202f%',
      "par niveau de diplôme › Bac + 2 › offres d'emploi : 22,14\u202f% → 23\u202f%",
    ]);
  });

  it('labels blocks by number and reports added and removed fields', () => {
    const changes = changesOf(CERTIFICATION, (d) => {
      d.blocs[2].intitule = 'Piloter un projet international';
      d.prerequis.validation_certification = 'Valider les six blocs.';
      delete d.enregistrement.duree_annees;
      d.voies_acces.vae = false;
    });
    expect(changes).toEqual([
      {
        op: 'remove',
        path: ['enregistrement', "durée d'enregistrement (années)"],
        pointer: '/enregistrement/duree_annees',
        before: 5,
        shown: { before: '5' },
      },
      {
        op: 'add',
        path: ['prérequis', 'prérequis de validation de la certification'],
        pointer: '/prerequis/validation_certification',
        after: 'Valider les six blocs.',
        shown: { after: '« Valider les six blocs. »' },
      },
      {
        op: 'set',
        path: ['bloc 3', 'intitulé'],
        pointer: '/blocs/2/intitule',
        before: "Piloter un projet à l'international",
        after: 'Piloter un projet international',
        shown: { before: "« Piloter un projet à l'international »", after: '« Piloter un projet international »' },
      },
      {
        op: 'set',
        path: ["voies d'accès", "validation des acquis de l'expérience (VAE)"],
        pointer: '/voies_acces/vae',
        before: true,
        after: false,
        shown: { before: 'oui', after: 'non' },
      },
    ]);
  });
});

describe('diffRecords: list items matched by identity', () => {
  it('reports two swapped blocks as one move, not as edits', () => {
    const changes = changesOf(CERTIFICATION, (d) => ([d.blocs[4], d.blocs[5]] = [d.blocs[5], d.blocs[4]]));
    expect(changes).toEqual([{ op: 'move', path: ['bloc 6'], pointer: '/blocs/4', from: 5, to: 4, shown: {} }]);
  });

  it('reports a block moved to the end, with its own edits', () => {
    const changes = changesOf(CERTIFICATION, (d) => {
      const [first] = d.blocs.splice(0, 1);
      first.optionnel = true;
      d.blocs.push(first);
    });
    expect(changes.map((c: any) => [c.op, c.path.join(' › '), c.pointer, c.from, c.to])).toEqual([
      ['move', 'bloc 1', '/blocs/5', 0, 5],
      ['set', 'bloc 1 › bloc optionnel', '/blocs/5/optionnel', undefined, undefined],
    ]);
  });

  it('adds a promotion at the head of the list without moving the others', () => {
    const changes = changesOf(CERTIFICATION, (d) =>
      d.statistiques_promotions.unshift({
        annee: 2021,
        taux_insertion_6_mois: 90,
        taux_insertion_2_ans: { aucune_donnee: true },
        source: 'page-source',
      }),
    );
    expect(changes).toEqual([
      {
        op: 'add',
        path: ['promotion 2021'],
        pointer: '/statistiques_promotions/0',
        after: { annee: 2021, taux_insertion_6_mois: 90, taux_insertion_2_ans: { aucune_donnee: true }, source: 'page-source' },
        shown: {
          after:
            "année : 2021 ; taux d'insertion à 6 mois : 90\u202f% ; taux d'insertion à 2 ans : aucune donnée ; source : « page-source »",
        },
      },
    ]);
  });

  it('matches promotions by year, rows by libellé and sources by id', () => {
    const promotions = changesOf(CERTIFICATION, (d) => {
      d.statistiques_promotions.reverse();
      d.statistiques_promotions[0].taux_insertion_2_ans = 68.5;
    });
    expect(promotions.map((c: any) => [c.op, c.path.join(' › '), c.pointer, c.from, c.to, c.shown])).toEqual([
      ['move', 'promotion 2019', '/statistiques_promotions/0', 1, 0, {}],
      [
        'set',
        "promotion 2019 › taux d'insertion à 2 ans",
        '/statistiques_promotions/0/taux_insertion_2_ans',
        undefined,
        undefined,
        { before: '67\u202f%', after: '68,5\u202f%' },
      ],
    ]);
    const rowsAndSources = changesOf(K1704, (d) => {
      const rows = d.marche_du_travail.repartitions.qualification.lignes;
      rows.unshift(rows.pop());
      d.sources = d.sources.filter((s: Fields) => s.id !== 'acoss-msa');
    });
    expect(rowsAndSources.map((c: any) => [c.op, c.path.join(' › '), c.pointer, c.from, c.to])).toEqual([
      ['move', 'par niveau de qualification › Cadres', '/marche_du_travail/repartitions/qualification/lignes/0', 5, 0],
      ['remove', 'source acoss-msa', '/sources/2', undefined, undefined],
    ]);
  });

  it('matches plain text lists by value: additions, removals and moves', () => {
    const changes = changesOf(CERTIFICATION, (d) => (d.codes_rome = ['K1406', 'K1404', 'K1704']));
    expect(changes).toEqual([
      { op: 'remove', path: ['fiches ROME liées'], pointer: '/codes_rome/2', before: 'K1405', shown: { before: '« K1405 »' } },
      { op: 'add', path: ['fiches ROME liées'], pointer: '/codes_rome/0', after: 'K1406', shown: { after: '« K1406 »' } },
      { op: 'move', path: ['fiches ROME liées', '« K1704 »'], pointer: '/codes_rome/2', from: 0, to: 2, shown: {} },
    ]);
  });

  it('reads an unmatched item left at the same position as an edit in place', () => {
    const changes = changesOf(CERTIFICATION, (d) => (d.debouches.types_emploi.intitules[6] = 'Rédacteur ou rédactrice'));
    expect(changes).toEqual([
      {
        op: 'set',
        path: ["types d'emplois accessibles", 'intitulés de postes', 'élément 7'],
        pointer: '/debouches/types_emploi/intitules/6',
        before: 'Rédacteur',
        after: 'Rédacteur ou rédactrice',
        shown: { before: '« Rédacteur »', after: '« Rédacteur ou rédactrice »' },
      },
    ]);
  });
});

describe('diffRecords: records and files', () => {
  const k1404 = load(K1404);
  const renamed = { ...load(K1404), code: 'K1414' };

  it('reports added and removed records with their id and title', () => {
    expect(diff({ [K1704]: load(K1704) }, { [K1404]: k1404 })).toEqual([
      {
        kind: 'added',
        recordKind: 'rome',
        id: 'K1404',
        title: 'Mise en oeuvre et pilotage de la politique des pouvoirs publics',
        file: K1404,
        changes: [],
      },
      { kind: 'removed', recordKind: 'rome', id: 'K1704', title: 'Management de la sécurité publique', file: K1704, changes: [] },
    ]);
  });

  it('follows a file git saw renamed, even when its id changed', () => {
    const result = diff({ [K1404]: k1404 }, { 'content/rome/k1414.yaml': renamed }, [{ from: K1404, to: 'content/rome/k1414.yaml' }]);
    expect(result).toEqual([
      {
        kind: 'renamed',
        recordKind: 'rome',
        id: 'K1414',
        title: 'Mise en oeuvre et pilotage de la politique des pouvoirs publics',
        file: 'content/rome/k1414.yaml',
        previousFile: K1404,
        changes: [
          {
            op: 'set',
            path: ['code ROME'],
            pointer: '/code',
            before: 'K1404',
            after: 'K1414',
            shown: { before: '« K1404 »', after: '« K1414 »' },
          },
        ],
      },
    ]);
  });

  it('without a git rename, pairs files by id; different ids stay a removal and an addition', () => {
    const moved = diff({ [K1404]: k1404 }, { 'content/rome/ancien-k1404.yaml': load(K1404) });
    expect(moved.map((r) => [r.kind, r.previousFile, r.file, r.changes.length])).toEqual([
      ['renamed', K1404, 'content/rome/ancien-k1404.yaml', 0],
    ]);
    const other = diff({ [K1404]: k1404 }, { 'content/rome/k1414.yaml': renamed });
    expect(other.map((r) => [r.kind, r.id])).toEqual([
      ['removed', 'K1404'],
      ['added', 'K1414'],
    ]);
  });

  it('reports a file that cannot be read at one side as a change of the file, named after the file', () => {
    const broken: RecordFile = { kind: 'rome', problem: 'ligne 3, colonne 1 : Indentation incorrecte.', raw: 'code: K1704\nintitule: [\n' };
    expect(diff({ [K1704]: load(K1704) }, { [K1704]: broken })).toEqual([
      {
        kind: 'changed',
        recordKind: 'rome',
        id: 'K1704',
        file: K1704,
        changes: [],
        unreadable: { after: 'ligne 3, colonne 1 : Indentation incorrecte.' },
      },
    ]);
    expect(diff({ [K1704]: broken }, { [K1704]: { ...broken } })).toEqual([]);
    expect(diff({}, { [K1704]: broken })[0]).toMatchObject({ kind: 'added', id: 'K1704', unreadable: { after: broken.problem } });
  });
});
