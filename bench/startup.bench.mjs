// Start-up cost (design §5): `neckcoach --help`, `--version` and `causes --json` against an empty
// Node process (`node -e 0`) on the same machine, paired and interleaved; target ≤ 1.3× for
// --help and causes --json. Peak RSS from a few extra runs, measured the same way for all.
import { measureNode, median, pairedRounds } from './run.mjs';

const TARGET = 1.3;
const RSS_RUNS = 5;

export async function run({ bin, log, rounds }) {
  // NO_COLOR and a throwaway home: the same work on every machine, and no user files read.
  const env = { ...process.env, NO_COLOR: '1', NECKCOACH_HOME: '/nonexistent/neckcoach-bench' };
  const cases = [
    { name: 'node -e 0', args: ['-e', '0'], env, target: undefined },
    { name: 'neckcoach --help', args: [bin, '--help'], env, target: TARGET },
    { name: 'neckcoach --version', args: [bin, '--version'], env, target: undefined },
    { name: 'neckcoach causes --json', args: [bin, 'causes', '--json'], env, target: TARGET },
  ];

  const results = [];
  const runnable = cases.filter((c) => {
    const probe = measureNode(c.args, { env });
    if (probe.code === 0) return true;
    const reason = /not available yet/.test(probe.stderr) ? 'not built yet' : `exits ${probe.code}: ${probe.stderr.trim().split('\n')[0]}`;
    log(`  ${c.name}: skipped (${reason})`);
    results.push({ name: c.name, metric: 'wall-median', value: null, unit: 'ms', skipped: reason });
    return false;
  });

  log(`  ${rounds} paired rounds of ${runnable.map((c) => c.name).join(', ')}`);
  const timed = pairedRounds(runnable, { rounds, log });
  const baseline = timed[0];
  const rssOf = (c) => median(Array.from({ length: RSS_RUNS }, () => measureNode(c.args, { env, rss: true }).rssMb));
  const baselineRss = rssOf(runnable[0]);

  results.unshift({ name: baseline.name, metric: 'wall-median', value: baseline.median, unit: 'ms' }, { name: baseline.name, metric: 'peak-rss', value: baselineRss, unit: 'MB' });
  for (const [i, t] of timed.entries()) {
    if (i === 0) continue;
    const c = runnable[i];
    const rss = rssOf(c);
    results.push(
      { name: t.name, metric: 'wall-median', value: t.median, unit: 'ms', baseline: baseline.median, ratio: t.ratio, ...(c.target ? { target: c.target } : {}) },
      { name: t.name, metric: 'peak-rss', value: rss, unit: 'MB', baseline: baselineRss, ratio: rss / baselineRss },
    );
  }
  return results;
}
