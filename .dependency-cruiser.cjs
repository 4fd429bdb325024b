/**
 * The layering of src/ (npm run lint, so npm test): a data core that knows nothing of Astro or of the
 * faces built on it (pages, loader, CLI), and faces that do not reach into one another.
 */
const FACES = '^src/(site|cli|loader|pages|components|layouts|integrations|styles)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-knows-no-face',
      severity: 'error',
      comment:
        'src/core is the data core: it must not import the site, the CLI, the loader or the pages. Move the shared code into src/core instead.',
      from: { path: '^src/core/' },
      to: { path: FACES },
    },
    {
      name: 'core-knows-no-astro',
      severity: 'error',
      comment: 'src/core must run without Astro (CLI, tests): do not import astro or astro:* modules there.',
      from: { path: '^src/core/' },
      to: { path: '(^|/)node_modules/astro/|^astro(:|/|$)', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'cli-uses-core-only',
      severity: 'error',
      comment: 'The commands are thin faces over src/core: they must not import the site, the loader or the pages.',
      from: { path: '^src/cli/' },
      to: { path: '^src/(site|loader|pages|components|layouts|integrations)/' },
    },
    {
      name: 'loader-not-cli',
      severity: 'error',
      comment: 'The Astro loader must not import a command from src/cli: what both need belongs in src/core.',
      from: { path: '^src/loader/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'site-not-cli',
      severity: 'error',
      comment: 'Page helpers must not import a command from src/cli: what both need belongs in src/core.',
      from: { path: '^src/(site|pages|components|layouts|integrations)/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'src-not-tests',
      severity: 'error',
      comment: 'Product code must not import test code.',
      from: { path: '^src/' },
      to: { path: '^tests/' },
    },
    {
      name: 'no-circular-core',
      severity: 'error',
      comment: 'Modules of src/core must not import each other in a cycle: split the shared part into its own module.',
      from: { path: '^src/core/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|\\.cache|\\.astro)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.mjs', '.js', '.json'], conditionNames: ['import', 'node', 'default'] },
  },
};
