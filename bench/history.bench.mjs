// History at any size (design §5): a generated, realistic history of 1,000,000 events (and one of
// 5,000,000), read by the built binary. `stats` is paired against the floor of a JSONL design, a
// bare Node script that reads the same file in 1 MiB chunks and JSON.parses every line: time and
// peak RSS, medians of interleaved pairs (ratio target 1.5). `history --since 7d` and a routine's
// first step are timed on both sizes (target 300 ms), and the 5,000,000-event file must work at
// all for stats, history and report (no ERR_STRING_TOO_LONG).
// Contract: run({ bin, root, log, rounds }) → Result[] (bench/run.mjs).
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { measureNode, median, shuffle } from './run.mjs';

const MINUTE = 60_000;
const RATIO_TARGET = 1.5;
const WINDOW_TARGET_MS = 300;

/**
 * Writes a deterministic history of `count` events ending at `end`, streamed to the file (a
 * 5,000,000-line history is bigger than the longest string V8 allows): a working day of
 * reminders, routines (some rated), pain logs (a few backdated, as `log --at` writes them) and
 * check-ins, `spacing` minutes apart on average, in the +01:00 offset a Berlin user's file has.
 */
export function writeHistory(file, count, { end = Date.parse('2026-11-25T18:00:00Z'), spacing = 12 } = {}) {
  let seed = 42;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const iso = (ms) => `${new Date(ms + 3_600_000).toISOString().slice(0, 19)}+01:00`;
  const routines = ['desk-break', 'chin-tucks', 'morning', 'evening-release', 'side-neck-stretch'];
  const fd = openSync(file, 'w', 0o600);
  let t = end - count * spacing * MINUTE;
  let batch = [];
  try {
    for (let i = 0; i < count; i++) {
      t += Math.max(1, Math.round((0.4 + random() * 1.2) * spacing)) * MINUTE;
      const at = iso(t);
      const r = random();
      let record;
      if (r < 0.55) {
        const event = ['sent', 'sent', 'taken', 'snoozed', 'skipped', 'failed'][Math.floor(random() * 6)];
        record = {
          v: 1,
          type: 'reminder',
          at,
          event,
          due: at,
          routine: 'desk-break',
          ...(event === 'failed' ? { error: 'no notification daemon' } : {}),
        };
      } else if (r < 0.85) {
        const rated = random() < 0.3;
        const before = Math.floor(random() * 8) + 2;
        record = {
          v: 1,
          type: 'routine',
          at,
          routine: routines[Math.floor(random() * routines.length)],
          reason: random() < 0.85 ? 'done' : 'quit',
          completed: 6,
          skipped: 0,
          seconds: 120,
          ...(rated ? { painBefore: before, painAfter: Math.max(0, before - Math.floor(random() * 3)) } : {}),
        };
      } else if (r < 0.99) {
        // One pain log in a hundred is entered afterwards for an earlier day (`log --at`).
        const backdated = random() < 0.01 ? Math.floor(random() * 20 + 1) * 24 * 60 * MINUTE : 0;
        record = {
          v: 1,
          type: 'pain',
          at: iso(t - backdated),
          pain: Math.floor(random() * 11),
          ...(random() < 0.2 ? { note: 'a long day at the desk, "tight"' } : {}),
        };
      } else {
        record = { v: 1, type: 'check', at, level: 'self-care', flags: ['none'], causes: ['poor-posture'], stage: 'chronic', pain: 5 };
      }
      batch.push(JSON.stringify(record));
      if (batch.length === 10_000) {
        writeSync(fd, `${batch.join('\n')}\n`);
        batch = [];
      }
    }
    if (batch.length) writeSync(fd, `${batch.join('\n')}\n`);
  } finally {
    closeSync(fd);
  }
}

// The floor of any JSONL design: read in 1 MiB chunks, JSON.parse every line, nothing else.
const FLOOR = `
import { openSync, readSync } from 'node:fs';
const fd = openSync(process.argv[2], 'r');
const chunk = Buffer.alloc(1 << 20);
let rest = '';
let lines = 0;
for (let read; (read = readSync(fd, chunk, 0, chunk.length, null)) > 0; ) {
  const parts = (rest + chunk.toString('utf8', 0, read)).split('\\n');
  rest = parts.pop();
  for (const line of parts) if (line) { JSON.parse(line); lines++; }
}
if (rest) { JSON.parse(rest); lines++; }
`;

/** Paired, interleaved: each round runs the floor and each case once, in a fresh random order. */
function pairs(cases, count, options, log) {
  const samples = cases.map(() => []);
  for (let round = 0; round < count; round++) {
    for (const i of shuffle(cases.map((_, index) => index))) {
      const m = measureNode(cases[i].args, { env: cases[i].env, ...options });
      if (m.code !== 0) throw new Error(`${cases[i].name} exited ${m.code}: ${m.stderr.trim().split('\n').at(-1)}`);
      samples[i].push(options.rss ? m.rssMb : m.ms);
    }
    log(
      `  ${options.rss ? 'peak RSS' : 'time'} round ${round + 1}/${count}: ${cases.map((c, i) => `${c.name} ${Math.round(samples[i].at(-1))}`).join(', ')}`,
    );
  }
  return samples.map((s) => ({ median: median(s), ratio: median(s.map((v, round) => v / samples[0][round])), samples: s }));
}

/** ms from spawn to the routine's first step-start event; the run is then stopped (and recorded). */
function firstStep(bin, env) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [bin, 'routine', 'desk-break', '--json', '--no-sound'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let ms;
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (ms === undefined && out.includes('"step-start"')) {
        ms = performance.now() - start;
        child.kill('SIGINT');
      }
    });
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('error', reject);
    child.on('close', () =>
      ms === undefined ? reject(new Error(`routine never started: ${err.trim().split('\n').at(-1)}`)) : resolve(ms),
    );
  });
}

export async function run({ bin, log = () => {}, rounds = 7 }) {
  const count = Math.max(5, Math.min(rounds, 9));
  const results = [];
  const root = mkdtempSync(path.join(tmpdir(), 'neckcoach-bench-history-'));
  const floorScript = path.join(root, 'floor.mjs');
  writeFileSync(floorScript, FLOOR);
  try {
    for (const [events, spacing] of [
      [1_000_000, 12],
      [5_000_000, 2.4],
    ]) {
      const label = `${events / 1_000_000}M events`;
      const home = path.join(root, label.replace(/\W+/g, '-'));
      mkdirSync(path.join(home, 'data'), { recursive: true, mode: 0o700 });
      const file = path.join(home, 'data', 'history.jsonl');
      log(`history: writing ${label}…`);
      writeHistory(file, events, { spacing });
      const mb = Math.round(statSync(file).size / 1e6);
      const env = { ...process.env, NECKCOACH_HOME: home, NO_COLOR: '1', TZ: 'Europe/Berlin' };
      delete env.NODE_EXTRA_CA_CERTS;
      const cli = (...args) => [bin, ...args];

      // The first reader builds the side index: timed once, as the cost of a first run.
      const cold = measureNode(cli('history', '--since', '7d'), { env });
      results.push({
        name: `history --since 7d, ${label} (${mb} MB), first run (builds the index)`,
        metric: 'wall',
        value: Math.round(cold.ms),
        unit: 'ms',
      });

      if (events === 1_000_000) {
        const cases = [
          { name: 'floor', args: [floorScript, file], env },
          { name: 'stats', args: cli('stats', '--since', 'all', '--json'), env },
        ];
        const time = pairs(cases, count, {}, log);
        const rss = pairs(cases, count, { rss: true }, log);
        results.push(
          {
            name: `stats --since all --json, ${label} (${mb} MB)`,
            metric: 'wall-median',
            value: Math.round(time[1].median),
            unit: 'ms',
            baseline: Math.round(time[0].median),
            ratio: time[1].ratio,
            target: RATIO_TARGET,
            note: `${count} interleaved pairs against 1 MiB reads + JSON.parse of every line`,
          },
          {
            name: `stats --since all --json, ${label} (${mb} MB)`,
            metric: 'peak-rss',
            value: Math.round(rss[1].median),
            unit: 'MB',
            baseline: Math.round(rss[0].median),
            ratio: rss[1].ratio,
            target: RATIO_TARGET,
            note: `${count} interleaved pairs`,
          },
        );
      } else {
        for (const [name, args] of [
          ['stats --json', cli('stats', '--since', 'all', '--json')],
          ['history --since all --json', cli('history', '--since', 'all', '--json')],
          ['report', cli('report', '--since', 'all')],
        ]) {
          const m = measureNode(args, { env, rss: true });
          if (m.code !== 0) throw new Error(`${name} on ${label} exited ${m.code}: ${m.stderr.trim().split('\n').at(-1)}`);
          log(`  ${name}: ${Math.round(m.ms)} ms, ${Math.round(m.rssMb)} MB`);
          results.push({
            name: `${name}, ${label} (${mb} MB)`,
            metric: 'peak-rss',
            value: Math.round(m.rssMb),
            unit: 'MB',
            note: `works; ${Math.round(m.ms)} ms`,
          });
        }
      }

      const windows = [];
      for (let i = 0; i < count; i++) windows.push(measureNode(cli('history', '--since', '7d'), { env }).ms);
      results.push({
        name: `history --since 7d, ${label}`,
        metric: 'wall-median',
        value: Math.round(median(windows)),
        unit: 'ms',
        target: WINDOW_TARGET_MS,
        note: `${count} runs, whole process`,
      });
      const steps = [];
      for (let i = 0; i < count; i++) steps.push(await firstStep(bin, env));
      results.push({
        name: `routine desk-break: first step, ${label}`,
        metric: 'wall-median',
        value: Math.round(median(steps)),
        unit: 'ms',
        target: WINDOW_TARGET_MS,
        note: `${count} runs, spawn to the first step-start event`,
      });
      rmSync(home, { recursive: true, force: true });
    }
    return results;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

// `node bench/history.bench.mjs` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const bin = new URL('../bin/neckcoach.js', import.meta.url).pathname;
  console.log(
    JSON.stringify(
      await run({ bin, root: new URL('..', import.meta.url).pathname, log: console.error, rounds: Number(process.argv[2] ?? 7) }),
      null,
      2,
    ),
  );
}
