// Tests that start reminder daemons stop every one of them in afterEach, also when the test failed
// or deleted the home first (a daemon left running from a deleted home once outlived a test run).
import { resolvePaths } from '../../src/io/paths.js';
import { isAlive, runningDaemon } from '../../src/io/process.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function daemonSweeper() {
  const homes = new Set<string>();
  return {
    /** Call before starting a daemon in `home`. */
    watch(home: string): void {
      homes.add(home);
    },
    /** Stops every daemon running from a watched home, found by its files or, with them gone, by its title and environment. */
    async sweep(): Promise<void> {
      for (const home of homes) {
        const daemon = runningDaemon(resolvePaths({ NECKCOACH_HOME: home }), { orphans: true });
        if (!daemon) continue;
        process.kill(daemon.pid, 'SIGTERM');
        for (let i = 0; i < 60 && isAlive(daemon.pid); i++) await sleep(50);
        if (isAlive(daemon.pid)) process.kill(daemon.pid, 'SIGKILL');
      }
      homes.clear();
    },
  };
}
