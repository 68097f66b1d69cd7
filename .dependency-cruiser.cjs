// The one-way architecture of src/ (README, "Architecture"), checked by `npm run check:boundaries`
// (part of `npm run lint` and .ci/run). Each top-level folder of src/ may import only the folders
// listed for it (and itself). Type-only imports count: they tie folders together just the same.

const { readdirSync } = require('node:fs');
const { join } = require('node:path');

/** Folder → the folders it may import. Order matters only for reading: each line names folders above it. */
const BASE = ['rules', 'common', 'config'];
const BELOW_AUTH = [...BASE, 'logging', 'scheduling'];
const BELOW_AUDIT = [...BELOW_AUTH, 'auth'];
const BELOW_ACKS = [...BELOW_AUDIT, 'audit', 'registry', 'web', 'orders', 'dispatch', 'duty'];
const BELOW_FEATURES = [...BELOW_ACKS, 'acknowledgements'];
const ALLOWED = {
  rules: [],
  common: ['rules'],
  config: ['rules', 'common'],
  logging: BASE,
  scheduling: BASE,
  auth: BELOW_AUTH,
  audit: BELOW_AUDIT,
  registry: [...BELOW_AUDIT, 'audit', 'web'],
  // What people read: it receives plain view-model data and never imports a domain module.
  web: ['rules', 'common', 'config', 'auth'],
  // Orders do not know how they travel.
  orders: ['rules', 'common', 'config', 'auth', 'registry'],
  dispatch: ['rules', 'common', 'config', 'logging', 'scheduling', 'web'],
  // The duty roster (值班表) and who escalation reaches: people and their contacts (users), audited.
  duty: [...BELOW_AUDIT, 'audit'],
  acknowledgements: BELOW_ACKS,
  // The feature modules: anything above; among themselves only directives → seasons,
  // inspections → compliance (a finding becomes a ledger entry; the ledger never asks inspections)
  // and the CAP feed (warnings) → directives (it publishes the levels the directives decided).
  seasons: BELOW_FEATURES,
  directives: [...BELOW_FEATURES, 'seasons'],
  inspections: [...BELOW_FEATURES, 'compliance'],
  compliance: BELOW_FEATURES,
  levels: BELOW_FEATURES,
  warnings: [...BELOW_FEATURES, 'directives', 'seasons'],
  health: BELOW_FEATURES,
  // The season simulator: the registry and the configuration through the pure replay.
  simulations: BELOW_FEATURES,
  // Sign-in, sessions and user management: an inspector's account names an inspection team.
  accounts: [...BELOW_FEATURES, 'inspections'],
};
// The composition root and the entry points: anything. Nothing else imports them.
const ROOTS = ['database', 'app', 'cli'];
const ALL = [...Object.keys(ALLOWED), ...ROOTS];

// A new top-level folder must be given its place here before it may import anything.
const UNPLACED = readdirSync(join(__dirname, 'src'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !ALL.includes(entry.name))
  .map((entry) => entry.name);

// The allowed arrows must form no cycle: then passing these rules means no cycle between folders.
(function assertAcyclic() {
  const state = {};
  const visit = (folder, path) => {
    if (state[folder] === 'done') return;
    if (state[folder] === 'visiting') throw new Error(`.dependency-cruiser.cjs: the allowed arrows cycle: ${[...path, folder].join(' → ')}`);
    state[folder] = 'visiting';
    for (const next of ALLOWED[folder] ?? []) {
      if (!ALL.includes(next)) throw new Error(`.dependency-cruiser.cjs: ${folder} lists an unknown folder ${next}`);
      visit(next, [...path, folder]);
    }
    state[folder] = 'done';
  };
  for (const folder of Object.keys(ALLOWED)) visit(folder, []);
})();

const alternatives = (folders) => folders.join('|');

const arrowRules = Object.entries(ALLOWED).map(([folder, allowed]) => ({
  name: `${folder}-boundary`,
  comment: `src/${folder} may import ${allowed.length ? allowed.map((f) => `src/${f}`).join(', ') : 'nothing outside src/' + folder} (README, "Architecture")`,
  severity: 'error',
  from: { path: `^src/${folder}/` },
  to: { path: '^src/', pathNot: `^src/(${alternatives([folder, ...allowed])})/` },
}));

const unplacedRules = UNPLACED.map((folder) => ({
  name: `${folder}-unplaced`,
  comment: `src/${folder} has no place in the architecture yet: add it to ALLOWED in .dependency-cruiser.cjs (and to the README's table)`,
  severity: 'error',
  from: { path: `^src/${folder}/` },
  to: {},
}));

module.exports = {
  forbidden: [
    ...arrowRules,
    ...unplacedRules,
    {
      name: 'nothing-imports-the-roots',
      comment: 'database, app and cli (the composition root) and main.ts import everything; only they, each other and the tests import them',
      severity: 'error',
      from: { path: '^src/', pathNot: `^src/(${alternatives(ROOTS)})/|^src/main\\.ts$` },
      to: { path: `^src/(${alternatives(ROOTS)})/|^src/main\\.ts$` },
    },
    {
      name: 'rules-are-pure',
      comment: 'src/rules is pure: no Nest, no TypeORM, no I/O (no Node built-ins); of the packages only xstate (the machines)',
      severity: 'error',
      from: { path: '^src/rules/' },
      to: { pathNot: ['^src/', '(^|/)node_modules/xstate/'] },
    },
    {
      name: 'no-circular',
      comment: 'no import cycle between files, except the three registry entities TypeORM relates to each other',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/registry/(enterprise|production-line|contact)\\.entity\\.ts$' },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'an import that resolves to nothing (a moved file, a missing package)',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // The generated console client imports nothing of ours.
    exclude: { path: '^src/web/console/api/generated/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.vue', '.mjs', '.cjs', '.json', '.d.ts'] },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
