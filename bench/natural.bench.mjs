// The reminder daemon with natural breaks on (design §5: idle CPU ≤ 100 ms/h including the helper
// processes it starts; RSS ≤ 1.1× an empty Node timer process), under Xvfb with xprintidle as the
// idle source. Three daemons side by side: one on a display with nobody at the keyboard (away), one
// on a display with input every 10 s from xdotool (at the keyboard), and one with no display (no
// idle source, the heartbeat alone). The daemon's own CPU comes from /proc/<pid>/schedstat; the helper's
// is the number of xprintidle runs (counted by a wrapper on PATH) times the cost of one run,
// measured here over 200 runs (children's CPU in /proc/<pid>/stat is in 10 ms ticks: too coarse).
// NECKCOACH_BENCH_IDLE (seconds, default 1200) sets the window.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
const cpuNs = (pid) => Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);
const childTicks = (pid) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(f[13]) + Number(f[14]);
};
const round = (n, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
const onPath = (tool) => (process.env.PATH ?? '').split(path.delimiter).some((dir) => existsSync(path.join(dir, tool)));

function neckcoach(bin, env, ...args) {
  const r = spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`neckcoach ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

async function startXvfb(n) {
  const display = `:${n}`;
  const xvfb = spawn('Xvfb', [display, '-nolisten', 'tcp'], { stdio: 'ignore' });
  for (let i = 0; i < 100 && spawnSync('xdpyinfo', ['-display', display], { stdio: 'ignore' }).status !== 0; i++) await sleep(50);
  return { display, xvfb };
}

/** CPU of one xprintidle run as the daemon makes it (spawned detached with pipes), helper side, ms. */
async function helperCost(display) {
  const once = () =>
    new Promise((resolve) => {
      const p = spawn('xprintidle', [], { env: { ...process.env, DISPLAY: display }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      p.stdout.resume();
      p.stderr.resume();
      p.on('close', resolve);
    });
  const c0 = childTicks(process.pid);
  for (let i = 0; i < 200; i++) await once();
  return ((childTicks(process.pid) - c0) * 10) / 200;
}

export async function run({ bin, log }) {
  const missing = ['Xvfb', 'xdpyinfo', 'xprintidle', 'xdotool'].filter((tool) => !onPath(tool));
  if (missing.length > 0 || !existsSync('/proc/self/schedstat')) {
    return [
      {
        name: 'remind daemon, natural breaks',
        metric: 'cpu-per-hour',
        value: null,
        unit: 'ms/h',
        skipped: `needs ${missing.join(', ') || '/proc'}`,
      },
    ];
  }
  const windowS = Number(process.env.NECKCOACH_BENCH_IDLE) || 1200;
  const dir = mkdtempSync(path.join(tmpdir(), 'neckcoach-bench-natural-'));
  const wrappers = path.join(dir, 'bin');
  mkdirSync(wrappers);
  const counts = path.join(dir, 'runs');
  writeFileSync(
    path.join(wrappers, 'xprintidle'),
    `#!/bin/sh\necho "$DISPLAY" >> '${counts}'\nexec ${spawnSync('sh', ['-c', 'command -v xprintidle'], { encoding: 'utf8' }).stdout.trim()}\n`,
  );
  chmodSync(path.join(wrappers, 'xprintidle'), 0o755);
  const children = [];
  const results = [];
  try {
    const away = await startXvfb(171);
    const typing = await startXvfb(172);
    children.push(away.xvfb, typing.xvfb);
    const perRun = await helperCost(away.display);
    const empty = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 1e9)'], { stdio: 'ignore' });
    children.push(empty);
    const daemons = {};
    // The third has no idle source (no display): the heartbeat alone, for comparison.
    for (const [name, x] of [
      ['away', away],
      ['at the keyboard', typing],
      ['no idle source', { display: '' }],
    ]) {
      const home = path.join(dir, name.replace(/ /g, '-'));
      // A session bus is not needed: nothing is due in the window (60-minute interval).
      const env = {
        NECKCOACH_HOME: home,
        DISPLAY: x.display,
        DBUS_SESSION_BUS_ADDRESS: '',
        PATH: `${wrappers}${path.delimiter}${process.env.PATH}`,
      };
      if (x.display) spawnSync('xdotool', ['mousemove', '5', '5'], { env: { ...process.env, DISPLAY: x.display } });
      neckcoach(bin, env, 'remind', 'start', '--every', '60m', '--work-hours', 'none', '--days', 'all');
      daemons[name] = { env, display: x.display, pid: Number.parseInt(readFileSync(path.join(home, 'state', 'remind.pid'), 'utf8'), 10) };
    }
    const input = setInterval(
      () => spawnSync('xdotool', ['mousemove_relative', '--', '1', '1'], { env: { ...process.env, DISPLAY: typing.display } }),
      10_000,
    );
    try {
      await sleep(30_000); // past start-up and the one-off GC
      const before = Object.fromEntries(Object.entries(daemons).map(([n, d]) => [n, cpuNs(d.pid)]));
      const runsBefore = existsSync(counts) ? readFileSync(counts, 'utf8').split('\n') : [];
      const emptyBefore = cpuNs(empty.pid);
      const t0 = performance.now();
      log(`two daemons with natural breaks for ${windowS} s…`);
      await sleep(windowS * 1000);
      const hours = (performance.now() - t0) / 3_600_000;
      const runs = readFileSync(counts, 'utf8')
        .split('\n')
        .slice(runsBefore.length - 1);
      for (const [name, d] of Object.entries(daemons)) {
        const own = (cpuNs(d.pid) - before[name]) / 1e6 / hours;
        const reads = d.display ? runs.filter((line) => line === d.display).length / hours : 0;
        const total = own + reads * perRun;
        results.push(
          {
            name: `remind daemon, natural breaks, ${name}`,
            metric: 'cpu-per-hour',
            value: round(total),
            unit: 'ms/h',
            target: 100,
            note: `daemon ${round(own)} ms/h + ${round(reads, 1)} xprintidle runs/h × ${round(perRun)} ms`,
          },
          {
            name: `remind daemon, natural breaks, ${name}`,
            metric: 'rss',
            value: round(rssMb(d.pid)),
            unit: 'MB',
            baseline: round(rssMb(empty.pid)),
            ratio: round(rssMb(d.pid) / rssMb(empty.pid), 3),
            target: 1.1,
          },
        );
      }
      results.push({
        name: 'empty node timer process',
        metric: 'cpu-per-hour',
        value: round((cpuNs(empty.pid) - emptyBefore) / 1e6 / hours),
        unit: 'ms/h',
      });
    } finally {
      clearInterval(input);
      for (const d of Object.values(daemons)) neckcoach(bin, d.env, 'remind', 'stop');
    }
  } finally {
    for (const child of children) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
