// Large-history benchmark: 100,000 events in a temporary NECKCOACH_HOME, then `neckcoach stats --json`
// (and `history --check`, `report`) timed as child processes, median of several runs.
// Contract: run({ bin, root, log }) → [{ name, metric, value, unit, target? }] (bench/run.mjs).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeHistory } from './history.bench.mjs';
import { median } from './run.mjs';

const EVENTS = 100_000;
const RUNS = 5;

function time(bin, args, env) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`neckcoach ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

export async function run({ bin, log = () => {} }) {
  const home = mkdtempSync(path.join(tmpdir(), 'neckcoach-bench-stats-'));
  try {
    mkdirSync(path.join(home, 'data'), { recursive: true });
    writeHistory(path.join(home, 'data', 'history.jsonl'), EVENTS);
    const env = { ...process.env, NECKCOACH_HOME: home, NO_COLOR: '1', TZ: 'Europe/Berlin' };
    const results = [];
    for (const [name, args, target] of [
      ['stats --json, 100k events (whole history)', ['stats', '--since', 'all', '--json'], 1000],
      ['stats --json, 100k events (30 days)', ['stats', '--json'], 1000],
      ['history --check, 100k events', ['history', '--check'], undefined],
      ['report, 100k events', ['report'], undefined],
    ]) {
      time(bin, args, env); // warm the file cache
      const runs = Array.from({ length: RUNS }, () => time(bin, args, env));
      const value = Math.round(median(runs));
      log(`${name}: median ${value} ms of ${RUNS} (${runs.map(Math.round).join(', ')})`);
      results.push({ name, metric: 'wall-median', value, unit: 'ms', ...(target ? { target } : {}), note: `${RUNS} runs, whole process` });
    }
    return results;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

// `node bench/stats.bench.mjs` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const bin = new URL('../bin/neckcoach.js', import.meta.url).pathname;
  console.log(JSON.stringify(await run({ bin, root: new URL('..', import.meta.url).pathname, log: console.error }), null, 2));
}
