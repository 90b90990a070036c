// What a routine run reads to decide its version (programme level, stop rules, move versions):
// the routines, programme records, pain ratings and check-ins at the end of the history, within a
// byte budget, so the first step comes as quickly at any history size.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readHistory, routineRunRecords } from '../../src/io/history.js';
import { resolvePaths } from '../../src/io/paths.js';
import { tempHome } from '../helpers/cli.js';

let home: string;
let cleanup: () => void;
beforeEach(() => ({ home, cleanup } = tempHome()));
afterEach(() => cleanup());

const paths = () => resolvePaths({ NECKCOACH_HOME: home });
const at = (n: number) => new Date(Date.UTC(2026, 10, 1) + n * 60_000).toISOString();
const line = (n: number): string => {
  const kinds = [
    { type: 'routine', routine: 'desk-break', reason: 'done', completed: 3 },
    { type: 'reminder', event: 'sent', routine: 'desk-break' },
    { type: 'pain', pain: n % 10 },
    { type: 'programme', programme: 'strengthen', level: 1, event: 'started' },
    { type: 'check', level: 'self-care', flags: [] },
  ];
  return JSON.stringify({ v: 1, at: at(n), ...kinds[n % kinds.length] });
};

describe('routineRunRecords', () => {
  it('no history: nothing', () => expect(routineRunRecords(paths())).toEqual([]));

  it('the four kinds it decides from, newest first; a reminder naming a routine is not one of them', () => {
    mkdirSync(path.join(home, 'data'), { recursive: true });
    writeFileSync(paths().historyFile, `${Array.from({ length: 50 }, (_, n) => line(n)).join('\n')}\n{"v":1,"type":"pain","at":"torn`);
    const all = readHistory(paths()).records.filter((r) => r.type !== 'reminder');
    const tail = routineRunRecords(paths());
    expect(tail.map((r) => r.at)).toEqual(all.map((r) => r.at).reverse());
    expect(new Set(tail.map((r) => r.type))).toEqual(new Set(['routine', 'pain', 'programme', 'check']));
  });

  it('reads no further back than its budget', () => {
    mkdirSync(path.join(home, 'data'), { recursive: true });
    const lines = Array.from({ length: 400 }, (_, n) => line(n));
    writeFileSync(paths().historyFile, `${lines.join('\n')}\n`);
    const budget = lines.slice(-40).join('\n').length + 1;
    const tail = routineRunRecords(paths(), undefined, budget);
    expect(tail.length).toBeGreaterThan(20);
    expect(tail.length).toBeLessThanOrEqual(40);
    expect(tail[0]!.at).toBe(at(399));
    expect(Date.parse(tail.at(-1)!.at)).toBeGreaterThanOrEqual(Date.parse(at(360)));
  });
});
