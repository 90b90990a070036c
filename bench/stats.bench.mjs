// Large-history benchmark: 100,000 events in a temporary NECKCOACH_HOME, then `neckcoach stats --json`
// (and `history --check`, `report`) timed as child processes, median of several runs.
// Contract: run({ bin, root, log }) → [{ name, metric, value, unit, target? }] (bench/run.mjs).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { median } from './run.mjs';

const EVENTS = 100_000;
const RUNS = 5;
const MINUTE = 60_000;

/** A deterministic history: a working day of reminders, routines (some rated), pain logs and check-ins. */
export function generateHistory(count = EVENTS, end = Date.parse('2026-11-25T18:00:00Z')) {
  let seed = 42;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const iso = (ms) =>
    new Date(ms)
      .toISOString()
      .replace('Z', '+00:00')
      .replace(/\.\d{3}/, '');
  const lines = [];
  let t = end - count * 12 * MINUTE;
  const routines = ['desk-break', 'chin-tucks', 'morning', 'evening-release', 'side-neck-stretch'];
  while (lines.length < count) {
    t += Math.round(5 + random() * 14) * MINUTE;
    const at = iso(t);
    const r = random();
    if (r < 0.55) {
      const event = ['sent', 'sent', 'taken', 'snoozed', 'skipped', 'failed'][Math.floor(random() * 6)];
      lines.push({
        v: 1,
        type: 'reminder',
        at,
        event,
        due: at,
        routine: 'desk-break',
        ...(event === 'failed' ? { error: 'no notification daemon' } : {}),
      });
    } else if (r < 0.85) {
      const rated = random() < 0.3;
      const before = Math.floor(random() * 8) + 2;
      lines.push({
        v: 1,
        type: 'routine',
        at,
        routine: routines[Math.floor(random() * routines.length)],
        reason: random() < 0.85 ? 'done' : 'quit',
        completed: 6,
        skipped: 0,
        seconds: 120,
        ...(rated ? { painBefore: before, painAfter: Math.max(0, before - Math.floor(random() * 3)) } : {}),
      });
    } else if (r < 0.99) {
      lines.push({
        v: 1,
        type: 'pain',
        at,
        pain: Math.floor(random() * 11),
        ...(random() < 0.2 ? { note: 'a long day at the desk, "tight"' } : {}),
      });
    } else {
      lines.push({ v: 1, type: 'check', at, level: 'self-care', flags: ['none'], causes: ['poor-posture'], stage: 'chronic', pain: 5 });
    }
  }
  return `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`;
}

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
    writeFileSync(path.join(home, 'data', 'history.jsonl'), generateHistory(), { mode: 0o600 });
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
