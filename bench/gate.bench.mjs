// A routine's first step on a large history (design §5: within 300 ms at any size): the safety gate
// reads only the end of the history. Times from spawn to the first `step-start` NDJSON line, for
// an empty history, 1,000,000 realistic events, and 1,000,000 events with no check-in at all (the
// worst case: the whole file is searched). Median of several runs, whole process.
// Contract: run({ bin, root, log }) → [{ name, metric, value, unit, target? }] (bench/run.mjs).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeHistory } from './history.bench.mjs';
import { median } from './run.mjs';

const EVENTS = 1_000_000;
const RUNS = 7;
const TARGET_MS = 300;

/** Milliseconds from spawning `routine chin-tucks --json` to its first step starting; then stops it. */
function firstStep(bin, env) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [bin, 'routine', 'chin-tucks', '--json', '--no-sound'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let ms;
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (ms === undefined && stdout.includes('"type":"step-start"')) {
        ms = performance.now() - start;
        child.kill('SIGTERM');
      }
    });
    child.on('error', reject);
    child.on('close', () => (ms === undefined ? reject(new Error(`no step started: ${stderr.trim().split('\n').at(-1)}`)) : resolve(ms)));
  });
}

export async function run({ bin, log = () => {} }) {
  const home = mkdtempSync(path.join(tmpdir(), 'neckcoach-bench-gate-'));
  const file = path.join(home, 'data', 'history.jsonl');
  const env = { ...process.env, NECKCOACH_HOME: home, NO_COLOR: '1' };
  // Node 20 loads extra certificates at every start when this is set (design §5).
  delete env.NODE_EXTRA_CA_CERTS;
  delete env.NECKCOACH_TIME_SCALE;
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    writeHistory(file, EVENTS);
    const big = readFileSync(file, 'utf8');
    const cases = [
      ['empty history', ''],
      [`${EVENTS / 1e6}M events`, big],
      [`${EVENTS / 1e6}M events, no check-in`, big.replace(/^.*"type":"check".*\n/gm, '')],
    ];
    const results = [];
    for (const [name, text] of cases) {
      writeFileSync(file, text, { mode: 0o600 });
      await firstStep(bin, env); // warm the file cache
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await firstStep(bin, env));
      const value = Math.round(median(runs));
      const mb = (statSync(file).size / 2 ** 20).toFixed(0);
      log(`routine first step, ${name} (${mb} MiB): median ${value} ms of ${RUNS} (${runs.map(Math.round).join(', ')})`);
      results.push({
        name: `routine first step, ${name}`,
        metric: 'wall-median',
        value,
        unit: 'ms',
        target: TARGET_MS,
        note: `${RUNS} runs, spawn to first step-start`,
      });
    }
    return results;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

// `node bench/gate.bench.mjs` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const bin = new URL('../bin/neckcoach.js', import.meta.url).pathname;
  console.log(JSON.stringify(await run({ bin, root: new URL('..', import.meta.url).pathname, log: console.error }), null, 2));
}
