// Routine timing benchmark: runs the real desk-break session (about 2 min 17 s) in real time with
// --json and measures, from the NDJSON timestamps alone, how late each step-start is against its
// planned offset and how far the end drifts from the planned total (design §5: ≤ 50 ms each).
// Contract: run({ bin, root, log }) → [{ name, metric, value, unit, target? }] (bench/run.mjs).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { median } from './run.mjs';

const ROUTINE = process.env.NECKCOACH_BENCH_ROUTINE ?? 'desk-break';
const TARGET_MS = 50;

/** Lateness of every step-start and the end drift, in ms, from a routine's NDJSON events. */
export function timing(events) {
  const start = events.find((e) => e.type === 'routine-start');
  const end = events.find((e) => e.type === 'routine-end');
  if (!start || !end) throw new Error('the event stream has no routine-start or routine-end');
  const t0 = Date.parse(start.t);
  const lateness = events.filter((e) => e.type === 'step-start').map((e) => Date.parse(e.t) - t0 - e.planned);
  return {
    steps: lateness.length,
    maxLateness: Math.max(...lateness),
    medianLateness: median(lateness),
    endDrift: Date.parse(end.t) - t0 - end.plannedTotal,
    plannedTotal: end.plannedTotal,
    reason: end.reason,
  };
}

function runRoutine(bin, home) {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, NECKCOACH_HOME: home, NO_COLOR: '1' };
    delete env.NECKCOACH_TIME_SCALE;
    const child = spawn(process.execPath, [bin, 'routine', ROUTINE, '--json', '--no-sound'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`routine ${ROUTINE} exited ${code}: ${stderr.trim().split('\n').at(-1)}`));
      else
        resolve(
          stdout
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line)),
        );
    });
  });
}

export async function run({ bin, log = () => {} }) {
  const home = mkdtempSync(path.join(tmpdir(), 'neckcoach-bench-'));
  try {
    log(`routine: running ${ROUTINE} in real time (about 2-3 minutes)…`);
    const t = timing(await runRoutine(bin, home));
    log(
      `routine: ${t.steps} steps over ${(t.plannedTotal / 1000).toFixed(0)} s; max lateness ${t.maxLateness} ms, median ${t.medianLateness} ms, end drift ${t.endDrift} ms`,
    );
    return [
      {
        name: `routine ${ROUTINE}: step-start lateness (max)`,
        metric: 'lateness-max',
        value: t.maxLateness,
        unit: 'ms',
        target: TARGET_MS,
      },
      {
        name: `routine ${ROUTINE}: step-start lateness (median)`,
        metric: 'lateness-median',
        value: t.medianLateness,
        unit: 'ms',
        target: TARGET_MS,
      },
      {
        name: `routine ${ROUTINE}: end drift over ${Math.round(t.plannedTotal / 1000)} s`,
        metric: 'drift-end',
        value: Math.abs(t.endDrift),
        unit: 'ms',
        target: TARGET_MS,
      },
    ];
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

// `node bench/routine.bench.mjs` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
  const results = await run({ bin: path.join(root, 'bin', 'neckcoach.js'), root, log: (line) => console.error(line) });
  console.log(JSON.stringify(results, null, 2));
}
