// Start-up cost (design §5): each command below against an empty Node process (`node -e 0`) on
// the same Node, paired and interleaved, on every Node the bench finds (this one and those .ci/run
// fetched). Peak RSS from a few extra runs, measured the same way for all. A command that exits
// non-zero (not built yet, or an option still to come) is listed as skipped, not measured.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { measureNode, median, nodes, pairedRounds } from './run.mjs';

/**
 * What is measured: one line per command. `quick` commands are the ones a prompt or a status bar
 * runs, held to the tight target on every Node; the rest get the general one.
 */
const COMMANDS = [
  { args: ['--help'], quick: true },
  { args: ['remind', 'status', '--short'], quick: true },
  { args: ['--version'] },
  { args: ['causes', '--json'] },
  { args: ['questions', '--json'] },
  { args: ['routines'] },
  { args: ['remind', 'status', '--json'] },
  { args: ['stats', '--json'] },
  { args: ['config', 'list', '--json'] },
  { args: ['completion', 'bash'] },
];

/** Design §5: ≤ 1.3× for the quick commands; ≤ 2.0× on Node 20, ≤ 1.5× on 22+ (compile cache). */
const target = (command, major) => (command.quick ? 1.3 : major >= 22 ? 1.5 : 2.0);
const RSS_RUNS = 5;

function onNode(node, { bin, home, log, rounds }) {
  const tag = (result) => ({ node: node.version, ...result });
  // NO_COLOR and an empty home of our own: the same work on every machine, no user files read.
  const env = { ...process.env, NO_COLOR: '1', NECKCOACH_HOME: home };
  const baseline = { name: 'node -e 0', args: ['-e', '0'], node: node.path, env };
  const results = [];
  const runnable = [baseline];
  for (const command of COMMANDS) {
    const c = {
      name: `neckcoach ${command.args.join(' ')}`,
      args: [bin, ...command.args],
      node: node.path,
      env,
      target: target(command, node.major),
    };
    const probe = measureNode(c.args, { node: node.path, env });
    if (probe.code === 0) {
      runnable.push(c);
      continue;
    }
    const reason = /not available yet/.test(probe.stderr) ? 'not built yet' : `exits ${probe.code}: ${probe.stderr.trim().split('\n')[0]}`;
    log(`  ${c.name}: skipped (${reason})`);
    results.push(tag({ name: c.name, metric: 'wall-median', value: null, unit: 'ms', skipped: reason }));
  }

  log(`  node ${node.version}: ${rounds} paired rounds of ${runnable.length} cases`);
  const timed = pairedRounds(runnable, { rounds, log });
  const rssOf = (c) => median(Array.from({ length: RSS_RUNS }, () => measureNode(c.args, { node: node.path, env, rss: true }).rssMb));
  const [base] = timed;
  const baseRss = rssOf(baseline);
  const measured = [
    tag({ name: base.name, metric: 'wall-median', value: base.median, unit: 'ms', note: `${rounds} rounds` }),
    tag({ name: base.name, metric: 'peak-rss', value: baseRss, unit: 'MB' }),
  ];
  for (const [i, t] of timed.entries()) {
    if (i === 0) continue;
    const c = runnable[i];
    const rss = rssOf(c);
    measured.push(
      tag({ name: t.name, metric: 'wall-median', value: t.median, unit: 'ms', baseline: base.median, ratio: t.ratio, target: c.target }),
      tag({ name: t.name, metric: 'peak-rss', value: rss, unit: 'MB', baseline: baseRss, ratio: rss / baseRss }),
    );
  }
  return [...measured, ...results];
}

export async function run({ bin, log, rounds }) {
  const home = mkdtempSync(path.join(tmpdir(), 'neckcoach-bench-startup-'));
  try {
    const found = nodes();
    log(`  nodes: ${found.map((n) => `${n.version} (${n.path})`).join(', ')}`);
    return found.flatMap((node) => onNode(node, { bin, home, log, rounds }));
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
