// A/B start-up measurement for build experiments (design §5): every command of the contract that
// starts and ends at once, for one or more builds of the CLI, against `node -e 0`, paired and
// interleaved, with NODE_EXTRA_CA_CERTS unset (it adds ~85 ms to every Node 20 start here).
//
//   node bench/startup-ab.mjs [--node <node binary>] [--rounds N] [--only <text>] [name=<bin> …]
//
// Without name=<bin>, measures this worktree's bin/neckcoach.js. Each round runs the baseline and
// every (build, command) once in a fresh random order; a ratio is the median of per-round ratios.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { median, root, shuffle } from './run.mjs';

const argv = process.argv.slice(2);
const flag = (name, fallback) => {
  const at = argv.indexOf(name);
  if (at < 0) return fallback;
  const [value] = argv.splice(at, 2).slice(1);
  return value;
};
const node = flag('--node', process.execPath);
const rounds = Number(flag('--rounds', '30'));
const only = flag('--only', '');
const builds = argv.length ? argv.map((a) => a.split('=')) : [['this', path.join(root, 'bin', 'neckcoach.js')]];

const home = mkdtempSync(path.join(os.tmpdir(), 'neckcoach-ab-'));
const answers = path.join(home, 'answers.json');
writeFileSync(answers, JSON.stringify({ red_flags: ['none'], duration: '3w', triggers: ['trig_desk'], pain: 4 }));
const { NODE_EXTRA_CA_CERTS, ...inherited } = process.env;
const env = { ...inherited, NO_COLOR: '1', NECKCOACH_HOME: home, XDG_CACHE_HOME: path.join(home, 'cache') };

const COMMANDS = [
  ['--help'],
  ['--version'],
  ['causes', '--json'],
  ['causes'],
  ['stats', '--json'],
  ['remind', 'status'],
  ['routines', '--json'],
  ['questions', '--json'],
  ['check', '--answers', answers, '--json'],
  ['config', 'list'],
  ['plan', '--stage', 'acute', '--json'],
  ['causes', '--help'],
].filter((c) => c.join(' ').includes(only));

const time = (args) => {
  const start = performance.now();
  const r = spawnSync(node, args, { env, cwd: home, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${String(r.stderr).trim().split('\n')[0]}`);
  return ms;
};

const cases = [{ name: 'node -e 0', args: ['-e', '0'] }];
for (const [label, bin] of builds)
  for (const c of COMMANDS) cases.push({ name: `${label}: ${c.join(' ').replace(answers, 'f')}`, args: [bin, ...c] });
const samples = cases.map(() => []);
try {
  for (let round = -3; round < rounds; round++) {
    for (const i of shuffle(cases.map((_, index) => index))) {
      const ms = time(cases[i].args);
      if (round >= 0) samples[i].push(ms);
    }
  }
} finally {
  rmSync(home, { recursive: true, force: true });
}
const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
console.log(
  `node ${version}, ${rounds} rounds, load ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
for (const [i, c] of cases.entries()) {
  const ratio = median(samples[i].map((ms, r) => ms / samples[0][r]));
  console.log(`${c.name.padEnd(44)} ${median(samples[i]).toFixed(1).padStart(7)} ms  ${ratio.toFixed(2)}x`);
}
