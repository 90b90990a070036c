// The reminder daemon at rest (design §5): resident memory against an empty Node process holding
// a long timer, both started in this run; idle CPU per hour from /proc/<pid>/schedstat (ns on CPU;
// tick counts are too coarse for 20 ms/h); and how late reminders fire with a short test interval.
// NECKCOACH_BENCH_IDLE (seconds, default 200) sets the idle window: longer than one 3-minute
// heartbeat, so a heartbeat wake is part of what is measured.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
const cpuNs = (pid) => Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);
const round = (n, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

function neckcoach(bin, env, ...args) {
  const r = spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`neckcoach ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

function daemonPid(home) {
  return Number(readFileSync(path.join(home, 'state', 'remind.pid'), 'utf8'));
}

export async function run({ bin, log }) {
  if (!existsSync('/proc/self/schedstat')) {
    return [{ name: 'remind daemon', metric: 'idle', value: null, unit: '', skipped: '/proc/<pid>/schedstat is Linux only' }];
  }
  const idleS = Number(process.env.NECKCOACH_BENCH_IDLE) || 200;
  const results = [];
  const homes = [];
  const home = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'neckcoach-bench-'));
    homes.push(dir);
    // No display: a failing send must not matter to the idle figures (nothing is due anyway).
    return { NECKCOACH_HOME: dir, DISPLAY: '', DBUS_SESSION_BUS_ADDRESS: '' };
  };
  const empty = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 1e9)'], { stdio: 'ignore' });
  try {
    // Idle: 45-minute interval, any time, so nothing fires during the window.
    const idle = home();
    neckcoach(bin, idle, 'remind', 'start', '--every', '45m', '--work-hours', 'none', '--days', 'all');
    const pid = daemonPid(idle.NECKCOACH_HOME);
    // Past start-up: V8's memory reducer runs one full GC about 8-10 s after start (~8 ms here), a
    // one-off that is not idle cost.
    await sleep(30_000);
    const t0 = performance.now();
    const c0 = { daemon: cpuNs(pid), empty: cpuNs(empty.pid) };
    log(`daemon idle for ${idleS} s (pid ${pid}; empty node pid ${empty.pid})…`);
    await sleep(idleS * 1000);
    const hours = (performance.now() - t0) / 3_600_000;
    const perHour = (now, before) => (now - before) / 1e6 / hours;
    const cpu = { daemon: perHour(cpuNs(pid), c0.daemon), empty: perHour(cpuNs(empty.pid), c0.empty) };
    const rss = { daemon: rssMb(pid), empty: rssMb(empty.pid) };
    results.push(
      {
        name: 'remind daemon idle',
        metric: 'rss',
        value: round(rss.daemon),
        unit: 'MB',
        baseline: round(rss.empty),
        ratio: round(rss.daemon / rss.empty, 3),
        target: 1.1,
      },
      {
        name: 'remind daemon idle',
        metric: 'cpu-per-hour',
        value: round(cpu.daemon),
        unit: 'ms/h',
        baseline: round(cpu.empty),
        target: 20,
        note: `over ${idleS} s idle`,
      },
    );
    neckcoach(bin, idle, 'remind', 'stop');

    // Lateness: a 3-second test interval; the daemon logs how long after due each reminder fired.
    const fast = { ...home(), NECKCOACH_MIN_INTERVAL: '2', NECKCOACH_NOTIFY_TIMEOUT: '2' };
    neckcoach(bin, fast, 'remind', 'start', '--every', '3s', '--work-hours', 'none', '--days', 'all');
    log('reminders every 3 s for 20 s…');
    await sleep(20_000);
    neckcoach(bin, fast, 'remind', 'stop');
    const text = readFileSync(path.join(fast.NECKCOACH_HOME, 'state', 'remind.log'), 'utf8');
    const late = [...text.matchAll(/fired (-?\d+) ms after due/g)].map((m) => Number(m[1]));
    if (late.length === 0) {
      results.push({
        name: 'reminder lateness',
        metric: 'max',
        value: null,
        unit: 'ms',
        skipped: 'no reminder fired',
        note: text.slice(-300),
      });
    } else {
      const sorted = [...late].sort((a, b) => a - b);
      results.push(
        { name: 'reminder lateness', metric: 'max', value: sorted.at(-1), unit: 'ms', target: 2000, note: `${late.length} reminders` },
        { name: 'reminder lateness', metric: 'median', value: sorted[sorted.length >> 1], unit: 'ms', target: 2000 },
      );
    }
  } finally {
    empty.kill('SIGKILL');
    for (const dir of homes) {
      try {
        const pid = daemonPid(dir);
        process.kill(pid, 'SIGTERM');
      } catch {
        // not running
      }
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return results;
}
