// The layer rules of design §1, checked by `npm run lint` (dependency-cruiser). A break prints the
// rule's name, the two files and the comment below it, and fails the run.
//
// Type-only imports count (a core module that names an io type already depends on io). They also
// count for what the daemon bundles reach, although `import type` leaves no code behind: the rule
// is stricter than the bundle, and the fix is the same (move the type next to what it describes).

/** The built-ins that touch files and processes: only src/io uses them. */
const FS = '^(fs|fs/promises|child_process)$';
/** The outside world: files, processes, the machine, the network, the terminal, timers. */
const EFFECTS =
  '^(fs|fs/promises|child_process|process|os|net|tls|http|https|http2|dgram|dns|cluster|worker_threads|readline|readline/promises|tty|timers|timers/promises|perf_hooks|v8|vm|inspector)$';
/** Libraries that talk to a person or to the machine: they belong to the edges. */
const EDGE_LIBRARIES = 'node_modules/(chalk|ora|commander|@commander-js|@inquirer|conf|node-notifier|env-paths)/';
/** What a person's terminal needs and a resident process must not carry (design §1, §5). */
const HEAVY_FOR_DAEMON = 'node_modules/(commander|@commander-js|chalk|conf|@inquirer|ora|valibot)/';

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'core-imports-an-edge',
      comment: 'src/core is pure: it decides, the edges act. Move the effect to src/io or src/run and pass its result in.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: ['^src/(io|run|render|commands|cli)/', '^src/(cli|program|main|daemon|notify-child)\\.ts$'] },
    },
    {
      name: 'core-touches-the-world',
      comment: 'src/core is pure: no files, processes, clock or environment. Pass values (and a Clock) in.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['core'], path: EFFECTS },
    },
    {
      name: 'core-uses-an-edge-library',
      comment: 'src/core is pure: terminal, prompt, config and notification libraries belong to the edges.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: EDGE_LIBRARIES },
    },
    {
      name: 'io-imports-render-or-above',
      comment: 'src/io adapts the outside world and returns data; drawing it is src/render, wiring is src/commands and src/run.',
      severity: 'error',
      from: { path: '^src/io/' },
      to: { path: ['^src/(render|run|commands|cli)/', '^src/(cli|program|main)\\.ts$'] },
    },
    {
      name: 'run-imports-commands',
      comment: 'src/run holds the effect runners the commands call: they use core, io and render, never a command or the program.',
      severity: 'error',
      from: { path: '^src/run/' },
      to: { path: ['^src/(commands|cli)/', '^src/(cli|program|main)\\.ts$'] },
    },
    {
      name: 'run-uses-real-timers',
      comment:
        'Runners take their timer source as a parameter: vitest fake timers cannot reach setTimeout imported from node:timers or node:timers/promises (design §8).',
      severity: 'error',
      from: { path: '^src/run/' },
      to: { dependencyTypes: ['core'], path: '^(timers|timers/promises)$' },
    },
    {
      name: 'fs-outside-io',
      comment: 'Only src/io touches files and processes: content loads through io, commands call io.',
      severity: 'error',
      from: { path: '^src/(content|commands|cli)/' },
      to: { dependencyTypes: ['core'], path: FS },
    },
    {
      name: 'daemon-bundle-reaches-a-heavy-module',
      comment:
        'dist/daemon.cjs and dist/notify-child.cjs stay resident or start often: they must not bundle the CLI parser, colours, conf, prompts, spinners or the schema library.',
      severity: 'error',
      from: { path: '^src/(daemon|notify-child)\\.ts$' },
      to: { path: HEAVY_FOR_DAEMON, reachable: true },
    },
    {
      name: 'unresolvable-import',
      comment: 'An import that cannot be resolved is invisible to every rule above: fix the path, or install the package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    // Stop at a package's entry: its own imports are its business, the edge into it is ours.
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|test|bench|scripts)/' },
    // Resolve packages as Node does at run time (their "exports", the file that runs), so each
    // edge names the code a bundle would carry.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      mainFields: ['module', 'main'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
