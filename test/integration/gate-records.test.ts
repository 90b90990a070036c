// The routine gate's reader: the latest check-in and a clearance not older than it, by their
// times, from the side index (so at any size), must agree with a full read of the file.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gateRecords } from '../../src/io/history.js';
import { resolvePaths } from '../../src/io/paths.js';
import { tempHome } from '../helpers/cli.js';

let home: string;
let cleanup: () => void;
beforeEach(() => ({ home, cleanup } = tempHome()));
afterEach(() => cleanup());

const paths = () => resolvePaths({ NECKCOACH_HOME: home });
const write = (text: string) => {
  mkdirSync(path.join(home, 'data'), { recursive: true });
  writeFileSync(paths().historyFile, text);
};
const at = (minute: number) => `2026-11-25T09:${String(minute % 60).padStart(2, '0')}:00+01:00`;
const check = (minute: number, level = 'urgent') =>
  JSON.stringify({ v: 1, type: 'check', at: at(minute), level, flags: ['rf_arm_weakness'] });
const clearance = (minute: number) => JSON.stringify({ v: 1, type: 'clearance', at: at(minute) });
const pain = (minute: number, note?: string) => JSON.stringify({ v: 1, type: 'pain', at: at(minute), pain: 3, ...(note ? { note } : {}) });
const stderr = () => {
  let text = '';
  return { io: { stderr: { write: (chunk: string) => ((text += chunk), true) } } as never, text: () => text };
};

describe('gateRecords', () => {
  it('no history: nothing to gate by', () => {
    expect(gateRecords(paths())).toEqual([]);
  });

  it('the last check-in, and a clearance only when it comes after it', () => {
    write([check(1, 'emergency'), clearance(2), check(3), pain(4, 'will "check" with my GP'), ''].join('\n'));
    expect(gateRecords(paths()).map((r) => [r.type, r.at])).toEqual([['check', at(3)]]);
    write([check(1), pain(2), clearance(3), pain(4), ''].join('\n'));
    expect(gateRecords(paths()).map((r) => [r.type, r.at])).toEqual([
      ['clearance', at(3)],
      ['check', at(1)],
    ]);
  });

  it('a torn last line (a write cut short) is skipped with one warning, and the check-in before it gates', () => {
    write(`${check(1)}\n${check(2).slice(0, 30)}`);
    const err = stderr();
    expect(gateRecords(paths(), err.io).map((r) => r.at)).toEqual([at(1)]);
    expect(err.text()).toMatch(/warning: skipped damaged line 2 of .*history\.jsonl .*\n.*history --check/);
  });

  it('goes by time, not place: a check-in written later with an earlier time does not win', () => {
    write([check(5, 'urgent'), check(2, 'self-care'), ''].join('\n'));
    expect(gateRecords(paths()).map((r) => r.level)).toEqual(['urgent']);
  });

  it('names a damaged line wherever it is, as every reader does', () => {
    write(`{"v":1,"type":"check","at":"2026-\n${check(2)}\n${pain(3)}\n`);
    const err = stderr();
    expect(gateRecords(paths(), err.io).map((r) => r.at)).toEqual([at(2)]);
    expect(err.text()).toMatch(/skipped damaged line 1 of /);
  });

  it('a folder where the history should be is a readable error', () => {
    mkdirSync(paths().historyFile, { recursive: true });
    expect(() => gateRecords(paths())).toThrow(/cannot read the history file .*history\.jsonl: .*is a folder/);
  });

  it('agrees with a full read, whatever the lines, after any number of appends', () => {
    const line = fc.oneof(
      fc.nat(59).map((m) => check(m)),
      fc.nat(59).map((m) => clearance(m)),
      fc.tuple(fc.nat(59), fc.string({ maxLength: 300 })).map(([m, note]) => pain(m, `${note} "check" "clearance"`)),
      fc.constantFrom('{"v":1,"type":"check","at":"2026-', '{"type":"clearance"', '', 'not json'),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), fc.nat(40), fc.boolean(), (lines, split, trailing) => {
        // Read once part-way (the index is made), then again after the rest was appended.
        write(lines.slice(0, split).join('\n') + (split > 0 ? '\n' : ''));
        gateRecords(paths());
        write(lines.join('\n') + (trailing ? '\n' : ''));
        const parsed = lines.map((text) => {
          try {
            return JSON.parse(text) as { v?: number; type?: string; at?: string };
          } catch {
            return {};
          }
        });
        // The latest by time; on equal times the later line.
        const latest = (type: string) =>
          parsed.reduce<{ v?: number; type?: string; at?: string } | undefined>(
            (best, r) =>
              r.v === 1 && r.type === type && typeof r.at === 'string' && (!best || Date.parse(r.at) >= Date.parse(best.at!)) ? r : best,
            undefined,
          );
        const lastCheck = latest('check');
        const lastClearance = latest('clearance');
        const expected = [
          ...(lastClearance && (!lastCheck || Date.parse(lastClearance.at!) >= Date.parse(lastCheck.at!)) ? [lastClearance] : []),
          ...(lastCheck ? [lastCheck] : []),
        ];
        expect(gateRecords(paths())).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
