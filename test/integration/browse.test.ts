import { describe, expect, it } from 'vitest';
import causes from '../../data/causes.json' with { type: 'json' };
import techniques from '../../data/techniques.json' with { type: 'json' };
import tips from '../../data/tips.json' with { type: 'json' };
import { runInProcess } from '../helpers/cli.js';

const KINDS = [
  ['causes', causes],
  ['techniques', techniques],
  ['tips', tips],
] as const;

describe.each(KINDS)('neckcoach %s', (command, records) => {
  it('lists every record, one line each, at 80 columns without colour', async () => {
    const { code, stdout, stderr } = await runInProcess([command]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    for (const record of records) expect(stdout).toContain(record.id);
    expect(stdout).not.toContain('\u001b[');
    for (const line of stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    expect(stdout).toMatchSnapshot();
  });

  it('shows one record in full, wrapped to 80 columns, with its sources', async () => {
    const id = records[0]!.id;
    const { code, stdout } = await runInProcess([command, id]);
    expect(code).toBe(0);
    expect(stdout).toContain('Sources');
    for (const line of stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    expect(stdout).toMatchSnapshot();
  });

  it('--json prints the whole list with schemaVersion 1', async () => {
    const { code, stdout } = await runInProcess(['--json', command]);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.schemaVersion).toBe(1);
    expect(doc[command].map((r: { id: string }) => r.id)).toEqual(records.map((r) => r.id));
  });

  it('--json after the command works too, for one record', async () => {
    const id = records.at(-1)!.id;
    const { stdout } = await runInProcess([command, id, '--json']);
    expect(Object.values(JSON.parse(stdout)).some((v) => (v as { id?: string }).id === id)).toBe(true);
  });

  it('an unknown id exits 2 and suggests the closest', async () => {
    const id = records[0]!.id;
    const typo = id.slice(0, -1);
    const { code, stdout, stderr } = await runInProcess([command, typo]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(new RegExp(`^neckcoach: unknown \\w+ "${typo}"`));
    expect(stderr).toContain(`"${id}"`);
  });
});

it('colour appears only when asked for', async () => {
  const plain = await runInProcess(['causes'], { tty: true, env: { NO_COLOR: '1' } });
  const forced = await runInProcess(['causes'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
  const flag = await runInProcess(['causes', '--no-color'], { tty: true, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
  expect(plain.stdout).not.toContain('\u001b[');
  expect(forced.stdout).toContain('\u001b[');
  expect(flag.stdout).not.toContain('\u001b[');
});
