import { describe, expect, it } from 'vitest';
import safety from '../../data/safety.json' with { type: 'json' };
import type { Level, Safety } from '../../src/content/schema.js';
import { DAY, HOUR } from '../../src/core/clock.js';
import { gate, gateBasis, type GateInput, latestClearance, SOON_GATE_DAYS } from '../../src/core/gate.js';

const NOW = Date.UTC(2026, 10, 25, 12);
const levels = (safety as unknown as Safety).levels;
const gentle = [
  { id: 'desk-break', title: 'Desk break' },
  { id: 'chin-tucks', title: 'Chin tucks' },
];
const input = (level: Level | null, over: Partial<GateInput> = {}): GateInput => ({
  latest: level ? { at: NOW - 2 * HOUR, level, flags: level === 'self-care' ? [] : ['rf_x'] } : undefined,
  now: NOW,
  routine: { id: 'tennis-ball-release', title: 'Tennis ball', gentle: false },
  gentle,
  cleared: false,
  levels,
  flagLabel: (id) => (id === 'rf_x' ? 'Weak grip' : undefined),
  ...over,
});
const gentleRoutine = { id: 'desk-break', title: 'Desk break', gentle: true };

describe('gate', () => {
  it('runs with no check-in or a self-care one', () => {
    expect(gate(input(null))).toEqual({ kind: 'run', banner: null, cleared: false });
    expect(gate(input('self-care'))).toMatchObject({ kind: 'run', banner: null });
  });

  it.each(['emergency', 'urgent'] as const)('never forgets a %s finding: still refused a month later', (level) => {
    const decision = gate(input(level, { latest: { at: NOW - 30 * DAY, level, flags: ['rf_x'] }, routine: gentleRoutine }));
    expect(decision).toMatchObject({ kind: 'refuse', level });
    if (decision.kind === 'refuse') expect(decision.message).toContain('your check-in of 2026-10-26 (4 weeks ago)');
  });

  it('a recorded clearance after the check-in ends its gate; one before it does not', () => {
    const latest = { at: NOW - 3 * DAY, level: 'urgent' as const, flags: ['rf_x'] };
    expect(gate(input('urgent', { latest, clearedAt: NOW - DAY, routine: gentleRoutine }))).toMatchObject({ kind: 'run', banner: null });
    expect(gate(input('urgent', { latest, clearedAt: NOW - 4 * DAY, routine: gentleRoutine }))).toMatchObject({ kind: 'refuse' });
  });

  it('soon keeps routines gentle for 14 days, then lets go', () => {
    const at = (days: number) => ({ latest: { at: NOW - days * DAY, level: 'soon' as const, flags: ['rf_x'] } });
    expect(gate(input('soon', at(SOON_GATE_DAYS - 1)))).toMatchObject({ kind: 'refuse' });
    expect(gate(input('soon', at(SOON_GATE_DAYS)))).toMatchObject({ kind: 'refuse' });
    expect(gate(input('soon', at(SOON_GATE_DAYS + 1)))).toEqual({ kind: 'run', banner: null, cleared: false });
  });

  it.each(['emergency', 'urgent'] as const)('refuses after a %s check-in, saying why and whom to see', (level) => {
    const decision = gate(input(level, { routine: gentleRoutine }));
    expect(decision).toMatchObject({ kind: 'refuse', level });
    if (decision.kind !== 'refuse') return;
    expect(decision.message).toContain('Weak grip');
    expect(decision.message).toContain(levels[level].whom);
    expect(decision.message).toContain('your check-in of 2026-11-25 (2 h ago)');
    expect(decision.hint).toContain('--i-have-been-cleared');
  });

  it('after a soon check-in refuses a routine that is not gentle, listing the gentle ones', () => {
    const decision = gate(input('soon'));
    expect(decision).toMatchObject({ kind: 'refuse', level: 'soon' });
    if (decision.kind === 'refuse') expect(decision.hint).toContain('desk-break, chin-tucks');
    // Whom to see reads as part of the sentence: "until a GP or a physiotherapist has checked".
    if (decision.kind === 'refuse') expect(decision.message).toMatch(/until [a-z]/);
  });

  it('after a soon check-in runs a gentle routine under a referral banner', () => {
    const decision = gate(input('soon', { routine: gentleRoutine }));
    expect(decision).toMatchObject({ kind: 'run', cleared: false });
    if (decision.kind === 'run') expect(decision.banner).toContain(levels.soon.whom);
    if (decision.kind === 'run')
      expect(decision.banner).toMatch(
        /^Following your check-in of 2026-11-25 \(2 h ago\), until 2026-12-09 or a newer check-in: Book a check-up soon/,
      );
  });

  it.each(['emergency', 'urgent', 'soon'] as const)('--i-have-been-cleared overrides a %s check-in, and says it is recorded', (level) => {
    const decision = gate(input(level, { cleared: true }));
    expect(decision).toMatchObject({ kind: 'run', cleared: true });
    if (decision.kind === 'run')
      expect(decision.banner).toMatch(/^Your check-in of 2026-11-25 \(2 h ago\) suggested: .*cleared you; this is recorded/);
  });
});

describe('gateBasis: which check-in is obeyed', () => {
  const latest = { at: NOW - 3 * DAY, level: 'urgent' as const, flags: ['rf_gca'] };
  it('names it and its date', () =>
    expect(gateBasis(latest, NOW)).toEqual({ ...latest, name: 'your check-in of 2026-11-22 (3 days ago)', until: null }));
  it('a soon check-in says until when', () => expect(gateBasis({ ...latest, level: 'soon' }, NOW)?.until).toBe(latest.at + 14 * DAY));
  it('nothing to obey after self-care', () => expect(gateBasis({ ...latest, level: 'self-care' }, NOW)).toBeUndefined());
});

describe('latestClearance', () => {
  const record = (type: string, at: string, extra: Record<string, unknown> = {}) => ({ type, at, ...extra });
  it('a clearance record, or a routine run with the clearance flag, the latest of them', () =>
    expect(
      latestClearance([
        record('clearance', '2026-11-20T09:00:00Z'),
        record('routine', '2026-11-22T09:00:00Z', { cleared: true }),
        record('routine', '2026-11-24T09:00:00Z'),
        record('check', '2026-11-25T09:00:00Z'),
      ]),
    ).toBe(Date.parse('2026-11-22T09:00:00Z')));
  it('none', () => expect(latestClearance([record('routine', '2026-11-24T09:00:00Z', { cleared: false })])).toBeUndefined());
});
