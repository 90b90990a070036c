// `log` at a real terminal (tmux): without --pain it asks for the rating, 0-10.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, ROOT, tempHome } from '../helpers/cli.js';
import { requireTools } from '../helpers/desktop.js';
import { startTerminal, type Terminal } from '../helpers/tmux.js';

const neckcoach = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)}`;
let home: string;
let cleanup: () => void;
let term: Terminal | undefined;
beforeEach(() => ({ home, cleanup } = tempHome()));
afterEach(async () => {
  await term?.kill();
  cleanup();
});

describe.skipIf(requireTools(['tmux']))('log on a terminal', () => {
  it('asks for the pain rating when --pain is not given, refusing one out of range', async () => {
    term = await startTerminal(`${neckcoach} log --note asked`, { cwd: ROOT, env: { NECKCOACH_HOME: home, NO_COLOR: '1' } });
    await term.waitFor(/How much does your neck hurt, 0 \(none\) to 10/);
    await term.send('12', 'Enter');
    await term.waitFor(/10/);
    await term.send('BSpace', 'BSpace', '7', 'Enter');
    await term.waitFor(/Logged pain 7\/10/);
    expect(await term.exitCode()).toBe(0);
    const record = JSON.parse(readFileSync(path.join(home, 'data', 'history.jsonl'), 'utf8'));
    expect(record).toMatchObject({ type: 'pain', pain: 7, note: 'asked' });
  });
});
