// The history's readers and side index (src/io/history*.ts) against an oracle, in a temp home:
// any interleaving of appends, crashes mid-append, failed appends, lost or stale indexes and reads
// must read back every complete record, in time order, and never count a torn one.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isoLocal } from '../../src/core/time.js';
import { CliError } from '../../src/errors.js';
import {
  appendHistory,
  checkHistory,
  forEachRecord,
  forEachRecordSince,
  gateRecords,
  type HistoryRecord,
  latestRecords,
  recordsInOrder,
} from '../../src/io/history.js';
import { type Paths, resolvePaths } from '../../src/io/paths.js';
import { tempHome } from '../helpers/cli.js';

let home: string;
let cleanup: () => void;
let paths: Paths;
beforeEach(() => {
  ({ home, cleanup } = tempHome());
  paths = resolvePaths({ NECKCOACH_HOME: home });
});
afterEach(() => {
  vi.restoreAllMocks();
  cleanup();
});

const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 1);
const DEAD_PID = 4_000_000; // above pid_max on Linux: never a live process

interface Kept {
  n: number;
  ms: number;
  order: number;
  type: string;
  level?: string;
}

type Op =
  | {
      kind: 'append' | 'crash' | 'fail';
      type: 'pain' | 'check' | 'clearance';
      day: number;
      minute: number;
      cut: number;
      how: 'short' | 'nospace' | 'fsync';
    }
  | { kind: 'read'; sinceDay: number }
  | { kind: 'lose-index' | 'garble-index' };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constantFrom('append', 'append', 'append', 'crash', 'fail') as fc.Arbitrary<'append' | 'crash' | 'fail'>,
      type: fc.constantFrom('pain', 'pain', 'check', 'clearance') as fc.Arbitrary<'pain' | 'check' | 'clearance'>,
      day: fc.integer({ min: 0, max: 40 }),
      minute: fc.integer({ min: 0, max: 1439 }),
      cut: fc.double({ min: 0, max: 1, noNaN: true }),
      how: fc.constantFrom('short', 'nospace', 'fsync') as fc.Arbitrary<'short' | 'nospace' | 'fsync'>,
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('read' as const), sinceDay: fc.integer({ min: 0, max: 41 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constantFrom('lose-index', 'garble-index') as fc.Arbitrary<'lose-index' | 'garble-index'> }),
  },
);

/** The fields a record of each type gets; `n` identifies it in the oracle. */
const fieldsOf = (type: string, n: number) =>
  type === 'check' ? { n, level: ['self-care', 'soon', 'urgent'][n % 3], flags: [] } : type === 'pain' ? { n, pain: n % 11 } : { n };

/** What a process killed mid-append leaves: part of its bytes (never the whole line) and its lock. */
function crash(record: object, cut: number): 'complete' | 'torn' | 'nothing' {
  const file = paths.historyFile;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const before = fs.existsSync(file) ? fs.readFileSync(file) : Buffer.alloc(0);
  const torn = before.length > 0 && before[before.length - 1] !== 10;
  const json = JSON.stringify(record);
  const data = Buffer.from(`${torn ? '\n' : ''}${json}\n`);
  const written = 1 + Math.floor(cut * (data.length - 1)); // 1 .. length-1
  fs.appendFileSync(file, data.subarray(0, written));
  fs.writeFileSync(`${file}.lock`, `${DEAD_PID} 1 0`);
  // Complete when everything but the newline made it: the next append ends that line. Only the
  // newline that ends an earlier torn line is no new line at all.
  if (written >= data.length - 1) return 'complete';
  return written > (torn ? 1 : 0) ? 'torn' : 'nothing';
}

/** An append that fails part-way: a short write, a full disk, or an fsync error after writing. */
function failingAppend(type: 'pain' | 'check' | 'clearance', ms: number, n: number, how: 'short' | 'nospace' | 'fsync'): void {
  const real = fs.writeSync;
  const write = vi.spyOn(fs, 'writeSync').mockImplementation(((fd: number, data: Buffer) => {
    if (how === 'nospace') throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    return how === 'short' ? real(fd, data, 0, Math.max(1, data.length >> 1)) : real(fd, data);
  }) as typeof fs.writeSync);
  const sync = vi.spyOn(fs, 'fsyncSync').mockImplementation(() => {
    if (how === 'fsync') throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
  });
  try {
    expect(() => appendHistory(paths, type, ms, fieldsOf(type, n))).toThrow(CliError);
  } finally {
    write.mockRestore();
    sync.mockRestore();
  }
}

const sortByTime = (kept: readonly Kept[]) => [...kept].sort((a, b) => a.ms - b.ms || a.order - b.order);
const latestOf = (kept: readonly Kept[], type: string) =>
  sortByTime(kept.filter((k) => k.type === type && (type !== 'check' || k.level))).at(-1)?.n ?? null;

describe('history readers, any interleaving', () => {
  it('read back every complete record in time order, count no torn one, and leave no trace of a failed append', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        cleanup();
        ({ home, cleanup } = tempHome());
        paths = resolvePaths({ NECKCOACH_HOME: home });
        const kept: Kept[] = [];
        let n = 0;
        let order = 0;
        let torn = 0;
        const check = (sinceDay: number) => {
          const since = START + sinceDay * DAY;
          const until = START + 50 * DAY;
          const got: number[] = [];
          const read = recordsInOrder(paths, { since, until }, undefined, (r) => got.push(r.n as number));
          expect(got).toEqual(sortByTime(kept.filter((k) => k.ms >= since)).map((k) => k.n));
          expect(read.records).toBe(kept.length);
          expect(read.badCount).toBe(torn);
          const since2: number[] = [];
          forEachRecordSince(paths, since, (r, ms) => ms <= until && since2.push(r.n as number));
          expect(since2.sort((a, b) => a - b)).toEqual(
            kept
              .filter((k) => k.ms >= since)
              .map((k) => k.n)
              .sort((a, b) => a - b),
          );
          const latest = latestRecords(paths);
          expect(latest.check?.n ?? null).toBe(latestOf(kept, 'check'));
          expect(latest.clearance?.n ?? null).toBe(latestOf(kept, 'clearance'));
        };
        for (const o of ops) {
          if (o.kind === 'read') check(o.sinceDay);
          else if (o.kind === 'lose-index') fs.rmSync(paths.historyIndexFile, { force: true });
          else if (o.kind === 'garble-index')
            fs.existsSync(paths.historyIndexFile) && fs.writeFileSync(paths.historyIndexFile, '{"v":1,"size":');
          else if (o.kind === 'append' || o.kind === 'crash' || o.kind === 'fail') {
            const ms = START + o.day * DAY + o.minute * 60_000;
            const record = { v: 1, type: o.type, at: isoLocal(ms), ...fieldsOf(o.type, ++n) };
            const entry = { n, ms, order: order++, type: o.type, ...(o.type === 'check' ? { level: record.level as string } : {}) };
            if (o.kind === 'append') {
              appendHistory(paths, o.type, ms, fieldsOf(o.type, n));
              kept.push(entry);
            } else if (o.kind === 'crash') {
              const left = crash(record, o.cut);
              if (left === 'complete') kept.push(entry);
              else if (left === 'torn') torn++;
            } else {
              const before = fs.existsSync(paths.historyFile) ? fs.readFileSync(paths.historyFile) : Buffer.alloc(0);
              failingAppend(o.type, ms, n, o.how);
              const after = fs.existsSync(paths.historyFile) ? fs.readFileSync(paths.historyFile) : Buffer.alloc(0);
              expect(after.equals(before)).toBe(true);
            }
          }
        }
        check(0);
        // A full read agrees with the index-based ones, and the index it leaves serves the next read.
        const all: number[] = [];
        const full = forEachRecord(paths, (r) => all.push(r.n as number));
        expect(all.sort((a, b) => a - b)).toEqual(kept.map((k) => k.n).sort((a, b) => a - b));
        expect(full.badCount).toBe(torn);
        check(20);
      }),
      { numRuns: 150 },
    );
  });
});

describe('history readers, by example', () => {
  const write = (lines: readonly (string | object)[]) => {
    fs.mkdirSync(path.dirname(paths.historyFile), { recursive: true });
    fs.writeFileSync(paths.historyFile, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  };
  const pain = (at: string, value: number) => ({ v: 1, type: 'pain', at, pain: value });

  it('a --since window never stops at an older record: one backdated after newer ones is still found', () => {
    write([
      pain('2026-01-10T10:00:00+00:00', 1),
      pain('2026-03-01T10:00:00+00:00', 2),
      pain('2026-01-20T10:00:00+00:00', 3),
      pain('2026-03-02T10:00:00+00:00', 4),
    ]);
    const got: number[] = [];
    recordsInOrder(paths, { since: Date.UTC(2026, 0, 15), until: Date.UTC(2026, 11, 31) }, undefined, (r) => got.push(r.pain as number));
    expect(got).toEqual([3, 2, 4]);
  });

  it('names records with unreadable dates as damaged, never drops them silently', () => {
    write([
      pain('99-06-01T10:00:00+00:53', 1), // what an old version wrote for --at 0099-06-01
      pain('2026-02-30T10:00:00+00:00', 2),
      pain('2101-01-01T00:00:00+00:00', 3),
      pain('2026-05-01T25:00:00+00:00', 4),
      pain('2026-05-01T10:00:00+00:00', 5),
    ]);
    const { bad, badCount, records, lines } = checkHistory(paths);
    expect({ records, badCount, lines }).toEqual({ records: 1, badCount: 4, lines: 5 });
    expect(bad.map((b) => [b.line, b.reason])).toEqual([
      [1, 'unreadable date "99-06-01T10:00:00+00:53"'],
      [2, 'unreadable date "2026-02-30T10:00:00+00:00"'],
      [3, 'unreadable date "2101-01-01T00:00:00+00:00"'],
      [4, 'unreadable date "2026-05-01T25:00:00+00:00"'],
    ]);
  });

  it('rebuilds the index when the file was replaced by a shorter one, or edited in place', () => {
    write([pain('2026-01-10T10:00:00+00:00', 1), { v: 1, type: 'check', at: '2026-01-11T10:00:00+00:00', level: 'urgent', flags: [] }]);
    expect(gateRecords(paths).map((r) => r.level)).toEqual(['urgent']);
    write([pain('2026-01-10T10:00:00+00:00', 1)]);
    expect(gateRecords(paths)).toEqual([]);
    // Same size, another level: only the modification time tells.
    write([{ v: 1, type: 'check', at: '2026-01-11T10:00:00+00:00', level: 'soon', flags: [] }]);
    expect(gateRecords(paths).map((r) => r.level)).toEqual(['soon']);
    const index = JSON.parse(fs.readFileSync(paths.historyIndexFile, 'utf8'));
    fs.writeFileSync(paths.historyFile, fs.readFileSync(paths.historyFile, 'utf8').replace('soon', 'xxxx'));
    fs.utimesSync(paths.historyFile, new Date(index.mtimeMs + 5000), new Date(index.mtimeMs + 5000));
    expect(gateRecords(paths)).toEqual([]);
  });

  it('keeps the index 0600 beside the history, and goes on without it in a read-only folder', () => {
    write([pain('2026-01-10T10:00:00+00:00', 1)]);
    latestRecords(paths);
    expect(fs.statSync(paths.historyIndexFile).mode & 0o777).toBe(0o600);
    fs.rmSync(paths.historyIndexFile);
    // A folder where the index would go: it cannot be written, and reading still works.
    fs.mkdirSync(paths.historyIndexFile);
    const got: HistoryRecord[] = [];
    recordsInOrder(paths, { since: 0, until: Date.UTC(2030, 0, 1) }, 'pain', (r) => got.push(r));
    expect(got).toHaveLength(1);
  });

  it('a missing history reads as empty, without creating anything', () => {
    expect(latestRecords(paths)).toMatchObject({ records: 0, check: null, clearance: null });
    expect(forEachRecord(paths, () => {})).toMatchObject({ records: 0, badCount: 0 });
    expect(fs.existsSync(path.join(home, 'data'))).toBe(false);
  });
});
