// What a routine run and a programme read to decide (programme level, stop rules, move versions):
// the routines, programme records, pain ratings and check-ins of the last RECENT_LOOKBACK, from
// where the side index says those days begin, so the first step comes as quickly at any size.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forEachRecord, RECENT_LOOKBACK, recentRecords } from '../../src/io/history.js';
import type { HistoryRecord } from '../../src/io/history.js';
import { resolvePaths } from '../../src/io/paths.js';
import { tempHome } from '../helpers/cli.js';

let home: string;
let cleanup: () => void;
beforeEach(() => ({ home, cleanup } = tempHome()));
afterEach(() => cleanup());

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 25, 12);
const paths = () => resolvePaths({ NECKCOACH_HOME: home });
const line = (n: number, at: number): string => {
  const kinds = [
    { type: 'routine', routine: 'desk-break', reason: 'done', completed: 3 },
    { type: 'reminder', event: 'sent', routine: 'desk-break' },
    { type: 'pain', pain: n % 10 },
    { type: 'programme', programme: 'strengthen', level: 1, event: 'started' },
    { type: 'check', level: 'self-care', flags: [] },
  ];
  return JSON.stringify({ v: 1, at: new Date(at).toISOString(), ...kinds[n % kinds.length] });
};
const write = (lines: string[], tail = '') => {
  mkdirSync(path.join(home, 'data'), { recursive: true });
  writeFileSync(paths().historyFile, `${lines.join('\n')}\n${tail}`);
};
const everything = () => {
  const all: HistoryRecord[] = [];
  forEachRecord(paths(), (record) => all.push(record));
  return all;
};

describe('recentRecords', () => {
  it('no history: nothing', () => expect(recentRecords(paths(), NOW)).toEqual([]));

  it('the four kinds it decides from, newest first; a reminder naming a routine is not one of them', () => {
    write(
      Array.from({ length: 50 }, (_, n) => line(n, NOW - (50 - n) * 60_000)),
      '{"v":1,"type":"pain","at":"torn',
    );
    const recent = recentRecords(paths(), NOW);
    expect(recent.map((r) => r.at)).toEqual(
      everything()
        .filter((r) => r.type !== 'reminder')
        .map((r) => r.at)
        .reverse(),
    );
    expect(new Set(recent.map((r) => r.type))).toEqual(new Set(['routine', 'pain', 'programme', 'check']));
  });

  it('reads no further back than its look-back, whatever the file holds before it', () => {
    const days = Math.round((RECENT_LOOKBACK * 2) / DAY);
    write(Array.from({ length: days }, (_, n) => line(n, NOW - (days - n) * DAY)));
    const recent = recentRecords(paths(), NOW);
    expect(recent.length).toBeGreaterThan(0);
    expect(Math.min(...recent.map((r) => Date.parse(r.at)))).toBeGreaterThanOrEqual(NOW - RECENT_LOOKBACK);
    expect(everything().some((r) => Date.parse(r.at) < NOW - RECENT_LOOKBACK)).toBe(true);
  });
});
