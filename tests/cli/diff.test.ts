import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/diff.ts';
import { runCommand } from '../helpers/command.ts';
import { FIXTURES } from '../helpers/content-tree.ts';
import { makeRepo, removeRepos } from '../helpers/git-repo.ts';
import type { GitRepo } from '../helpers/git-repo.ts';

afterAll(removeRepos);

const runMain = (args: string[]) => runCommand(main, args);

const CERTIFICATION = 'content/certifications/rncp39853.yaml';
const K1704 = 'content/rome/k1704.yaml';

/** A ROME sheet unlike the others, so that git sees it added rather than renamed from the deleted one. */
const K1406 = readFileSync(join(FIXTURES, 'extra/k1406.yaml'), 'utf8');

const BLOCK_5 = `  - numero: 5
    intitule: Conduire une politique d'attractivité et de soutien à l'international des entreprises
    optionnel: true
`;
const BLOCK_6 = `  - numero: 6
    intitule: Conseiller en politique ou en coopération de défense et sécurité internationale
    optionnel: true
`;

/** The second commit: edits, an added and a deleted sheet, two swapped blocks and a renamed file. */
function commitEdits(repo: GitRepo): void {
  repo.edit(K1704, 'part_offres: 44.29', 'part_offres: 45.1');
  repo.edit(K1704, '- libelle: < CAP-BEP\n          demandeurs_emploi: 2', '- libelle: < CAP-BEP\n          demandeurs_emploi: 3');
  repo.edit(CERTIFICATION, "intitule: Piloter un projet à l'international", 'intitule: Piloter un projet *international*');
  repo.edit(CERTIFICATION, BLOCK_5 + BLOCK_6, BLOCK_6 + BLOCK_5);
  repo.write('content/rome/k1406.yaml', K1406);
  repo.git('rm', '--quiet', 'content/rome/k1405.yaml');
  repo.git('mv', 'content/rome/k1404.yaml', 'content/rome/k1414.yaml');
  repo.edit('content/rome/k1414.yaml', 'code: K1404', 'code: K1414');
  repo.commit('Modifications');
}

const RECORD_LINES = [
  'RNCP39853 « Expert en relations et coopérations internationales » — fiche modifiée (content/certifications/rncp39853.yaml)',
  "  RNCP39853 › bloc 3 › intitulé : « Piloter un projet à l'international » → « Piloter un projet *international* »",
  '  RNCP39853 › bloc 6 — déplacement : position 6 → 5',
  '',
  "K1405 « Représentation de l'Etat sur le territoire national ou international » — fiche supprimée (content/rome/k1405.yaml)",
  '',
  'K1406 « Management de structure de santé, sociale ou pénitentiaire » — fiche ajoutée (content/rome/k1406.yaml)',
  '',
  'K1414 « Mise en oeuvre et pilotage de la politique des pouvoirs publics » — fiche renommée (content/rome/k1404.yaml → content/rome/k1414.yaml)',
  '  K1414 › code ROME : « K1404 » → « K1414 »',
  '',
  'K1704 « Management de la sécurité publique » — fiche modifiée (content/rome/k1704.yaml)',
  '  K1704 › salaires (T1 2025) › 1\u202f830–3\u202f049\u202f€ › part des offres : 44,29\u202f% → 45,1\u202f%',
  "  K1704 › par niveau de diplôme › < CAP-BEP › demandeurs d'emploi : 2\u202f% → 3\u202f%",
  '',
  '5 fiches concernées : 1 ajoutée, 1 supprimée, 1 renommée, 2 modifiées ; 5 changements.',
];

describe('npm run diff between two commits', () => {
  let repo: GitRepo;
  let first: string;
  let second: string;
  beforeAll(() => {
    repo = makeRepo();
    first = repo.git('rev-parse', 'HEAD');
    commitEdits(repo);
    second = repo.git('rev-parse', 'HEAD');
  });

  it('lists the changes of each record in plain French', () => {
    const { code, stdout, stderr } = runMain(['HEAD~1', 'HEAD', '--root', repo.root]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(
      [`Changements des fiches de HEAD~1 (${first.slice(0, 7)}) à HEAD (${second.slice(0, 7)})`, '', ...RECORD_LINES].join('\n') + '\n',
    );
  });

  it('writes Markdown for a pull-request comment, values escaped', () => {
    const { code, stdout } = runMain(['HEAD~1', 'HEAD', '--root', repo.root, '--format', 'markdown']);
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        '## Changements des fiches',
        '',
        `De \`HEAD~1\` (\`${first.slice(0, 7)}\`) à \`HEAD\` (\`${second.slice(0, 7)}\`) — 5 fiches concernées : 1 ajoutée, 1 supprimée, 1 renommée, 2 modifiées ; 5 changements.`,
        '',
        '### RNCP39853 « Expert en relations et coopérations internationales » — fiche modifiée',
        '',
        '`content/certifications/rncp39853.yaml`',
        '',
        "- bloc 3 › intitulé : « Piloter un projet à l'international » → « Piloter un projet \\*international\\* »",
        '- bloc 6 — déplacement : position 6 → 5',
        '',
        "### K1405 « Représentation de l'Etat sur le territoire national ou international » — fiche supprimée",
        '',
        '`content/rome/k1405.yaml`',
        '',
        '### K1406 « Management de structure de santé, sociale ou pénitentiaire » — fiche ajoutée',
        '',
        '`content/rome/k1406.yaml`',
        '',
        '### K1414 « Mise en oeuvre et pilotage de la politique des pouvoirs publics » — fiche renommée',
        '',
        '`content/rome/k1404.yaml` → `content/rome/k1414.yaml`',
        '',
        '- code ROME : « K1404 » → « K1414 »',
        '',
        '### K1704 « Management de la sécurité publique » — fiche modifiée',
        '',
        '`content/rome/k1704.yaml`',
        '',
        '- salaires (T1 2025) › 1\u202f830–3\u202f049\u202f€ › part des offres : 44,29\u202f% → 45,1\u202f%',
        "- par niveau de diplôme › \\< CAP-BEP › demandeurs d'emploi : 2\u202f% → 3\u202f%",
      ].join('\n') + '\n',
    );
  });

  it('gives the structured changes as JSON', () => {
    const { code, stdout } = runMain(['HEAD~1', 'HEAD', '--root', repo.root, '--format', 'json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.from).toEqual({ ref: 'HEAD~1', commit: first });
    expect(report.to).toEqual({ ref: 'HEAD', commit: second });
    expect(report.summary).toEqual({ added: 1, removed: 1, renamed: 1, changed: 2, changes: 5 });
    expect(report.records.map((r: any) => [r.kind, r.recordKind, r.id, r.previousFile, r.file])).toEqual([
      ['changed', 'certification', 'RNCP39853', undefined, CERTIFICATION],
      ['removed', 'rome', 'K1405', undefined, 'content/rome/k1405.yaml'],
      ['added', 'rome', 'K1406', undefined, 'content/rome/k1406.yaml'],
      ['renamed', 'rome', 'K1414', 'content/rome/k1404.yaml', 'content/rome/k1414.yaml'],
      ['changed', 'rome', 'K1704', undefined, K1704],
    ]);
    expect(report.records[0].changes[1]).toEqual({ op: 'move', path: ['bloc 6'], pointer: '/blocs/4', from: 5, to: 4, shown: {} });
    expect(report.records[4].changes[0]).toEqual({
      op: 'set',
      path: ['salaires (T1 2025)', '1\u202f830–3\u202f049\u202f€', 'part des offres'],
      pointer: '/marche_du_travail/salaires_offres/tranches/3/part_offres',
      before: 44.29,
      after: 45.1,
      shown: { before: '44,29\u202f%', after: '45,1\u202f%' },
    });
  });

  it('compares with the working tree when no second version is given', () => {
    const clean = runMain(['HEAD~1', '--root', repo.root]);
    expect(clean.stdout).toBe(
      [`Changements des fiches de HEAD~1 (${first.slice(0, 7)}) à la copie de travail`, '', ...RECORD_LINES].join('\n') + '\n',
    );
    expect(runMain(['HEAD', '--root', repo.root]).stdout).toBe(
      `Changements des fiches de HEAD (${second.slice(0, 7)}) à la copie de travail\n\nAucun changement dans les fiches.\n`,
    );
  });

  it('says clearly when a version is unknown', () => {
    const { code, stdout, stderr } = runMain(['HEAD', 'branche-inexistante', '--root', repo.root]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      "Version inconnue : « branche-inexistante » n'est ni une branche, ni une étiquette, ni un commit de ce dépôt git (par exemple HEAD~1, main ou un identifiant de commit).\n",
    );
  });
});

describe('npm run diff against the working tree', () => {
  it('sees unsaved edits, files moved without git and files that no longer parse', () => {
    const repo = makeRepo();
    repo.edit(
      CERTIFICATION,
      '  - annee: 2020\n',
      '  - annee: 2021\n    taux_insertion_6_mois: 90\n    taux_insertion_2_ans: 50\n    source: page-source\n  - annee: 2020\n',
    );
    repo.edit(CERTIFICATION, '  - K1404\n  - K1405\n', '  - K1405\n  - K1404\n');
    // Moved with a plain file move, never staged: still a rename.
    repo.write('content/rome/k1414.yaml', repo.read('content/rome/k1404.yaml').replace('code: K1404', 'code: K1414'));
    repo.remove('content/rome/k1404.yaml');
    repo.write(K1704, 'code: K1704\nintitule: [\n');
    const status = repo.git('status', '--porcelain');

    const { code, stdout } = runMain(['HEAD', '--root', repo.root]);
    expect(code).toBe(0);
    expect(stdout.split('\n').slice(2)).toEqual([
      'RNCP39853 « Expert en relations et coopérations internationales » — fiche modifiée (content/certifications/rncp39853.yaml)',
      '  RNCP39853 › fiches ROME liées › « K1405 » — déplacement : position 3 → 2',
      "  RNCP39853 › promotion 2021 — ajout : année : 2021 ; taux d'insertion à 6 mois : 90\u202f% ; taux d'insertion à 2 ans : 50\u202f% ; source : « page-source »",
      '',
      'K1414 « Mise en oeuvre et pilotage de la politique des pouvoirs publics » — fiche renommée (content/rome/k1404.yaml → content/rome/k1414.yaml)',
      '  K1414 › code ROME : « K1404 » → « K1414 »',
      '',
      'K1704 — fiche modifiée (content/rome/k1704.yaml)',
      '  K1704 — nouvelle version illisible, pas de comparaison champ par champ : ligne 3, colonne 1 : Indentation incorrecte.',
      '',
      '3 fiches concernées : 1 renommée, 2 modifiées ; 3 changements.',
      '',
    ]);
    // The comparison leaves the repository's index alone.
    expect(repo.git('status', '--porcelain')).toBe(status);
  });

  it('works for a project in a folder of a larger repository', () => {
    const repo = makeRepo('site');
    repo.edit(K1704, 'valeur: 4620', 'valeur: 4700');
    repo.commit('Nouveau chiffre');
    expect(runMain(['HEAD~1', 'HEAD', '--root', repo.root]).stdout.split('\n').slice(2, 4)).toEqual([
      'K1704 « Management de la sécurité publique » — fiche modifiée (content/rome/k1704.yaml)',
      "  K1704 › demandeurs d'emploi › valeur : 4\u202f620 → 4\u202f700",
    ]);
  });
});
