import { describe, expect, it } from 'vitest';
import safety from '../../data/safety.json' with { type: 'json' };
import type { Level, Safety } from '../../src/content/schema.js';
import { HOUR } from '../../src/core/clock.js';
import { gate, type GateInput } from '../../src/core/gate.js';

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
  it('runs with no check-in, a self-care one, or one older than 24 h', () => {
    expect(gate(input(null))).toEqual({ kind: 'run', banner: null, cleared: false });
    expect(gate(input('self-care'))).toMatchObject({ kind: 'run', banner: null });
    expect(gate(input('emergency', { latest: { at: NOW - 25 * HOUR, level: 'emergency', flags: [] } }))).toMatchObject({ kind: 'run' });
  });

  it.each(['emergency', 'urgent'] as const)('refuses after a %s check-in, saying why and whom to see', (level) => {
    const decision = gate(input(level, { routine: gentleRoutine }));
    expect(decision).toMatchObject({ kind: 'refuse', level });
    if (decision.kind !== 'refuse') return;
    expect(decision.message).toContain('Weak grip');
    expect(decision.message).toContain(levels[level].whom);
    expect(decision.message).toContain('2 h ago');
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
  });

  it.each(['emergency', 'urgent', 'soon'] as const)('--i-have-been-cleared overrides a %s check-in, and says it is recorded', (level) => {
    const decision = gate(input(level, { cleared: true }));
    expect(decision).toMatchObject({ kind: 'run', cleared: true });
    if (decision.kind === 'run') expect(decision.banner).toMatch(/cleared you; this is recorded/);
  });

  it('counts a check-in exactly 24 h old as recent', () => {
    expect(gate(input('urgent', { latest: { at: NOW - 24 * HOUR, level: 'urgent', flags: [] } }))).toMatchObject({ kind: 'refuse' });
  });
});
