// A/B start-up of builds (design §5), for comparing build changes: each command against
// `node -e 0`, paired and interleaved with run.mjs's pairedRounds (NODE_EXTRA_CA_CERTS unset,
// a ratio is the median of per-round ratios), for one or more copies of the CLI at once.
//
//   node bench/startup-ab.mjs [--node <binary>] [--rounds N] [--only <text>] [label=<bin/neckcoach.js> …]
//
// Without label=<bin>, measures this worktree's build. Copy bin/ and dist/ (and package.json)
// elsewhere to keep a build to compare against. Each build gets a warm code cache before timing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bin, measureNode, pairedRounds } from './run.mjs';

const argv = process.argv.slice(2);
const flag = (name, fallback) => {
  const at = argv.indexOf(name);
  return at < 0 ? fallback : argv.splice(at, 2)[1];
};
const node = flag('--node', process.execPath);
const rounds = Number(flag('--rounds', '30'));
const only = flag('--only', '');
const builds = argv.length ? argv.map((a) => a.split('=')) : [['this', bin]];

const home = mkdtempSync(path.join(os.tmpdir(), 'neckcoach-ab-'));
const answers = path.join(home, 'answers.json');
writeFileSync(answers, JSON.stringify({ red_flags: ['none'], duration: '3w', triggers: ['trig_desk'], pain: 4 }));
const { NODE_EXTRA_CA_CERTS, NODE_OPTIONS, ...inherited } = process.env; // as run.mjs removes them
const env = { ...inherited, NO_COLOR: '1', NECKCOACH_HOME: home };

const COMMANDS = [
  ['--help'],
  ['--version'],
  ['causes', '--json'],
  ['causes'],
  ['questions', '--json'],
  ['routines', '--json'],
  ['routines'],
  ['stats', '--json'],
  ['history', '--json'],
  ['remind', 'status'],
  ['remind', 'status', '--short'],
  ['config', 'list'],
  ['remind', 'status', '--json'],
  ['plan', '--stage', 'acute', '--json'],
  ['check', '--answers', answers, '--json'],
  ['completion', 'bash'],
].filter((c) => c.join(' ').includes(only));

const baseline = { name: 'node -e 0', args: ['-e', '0'], node, env };
const cases = [baseline];
for (const [label, file] of builds) {
  for (const c of COMMANDS) {
    const args = [file, ...c];
    measureNode(args, { node, env }); // the first run writes the command's code cache
    cases.push({ name: `${label}: ${c.join(' ').replace(answers, 'f')}`, args, node, env });
  }
}
try {
  const version = measureNode(['-e', 'process.stderr.write(process.version)'], { node, env }).stderr;
  console.log(`node ${version}, ${rounds} paired rounds, load ${os.loadavg()[0].toFixed(1)}`);
  for (const t of pairedRounds(cases, { rounds }))
    console.log(`${t.name.padEnd(40)} ${t.median.toFixed(1).padStart(7)} ms  ${t.ratio.toFixed(2)}x`);
} finally {
  rmSync(home, { recursive: true, force: true });
}
