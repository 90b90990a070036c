import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/content/catalogue.js';
import { DAY } from '../../src/core/clock.js';
import { parseSymptomDuration } from '../../src/core/duration.js';
import {
  CHRONIC_AFTER,
  calendarPlan,
  planFor,
  planGate,
  planStage,
  stageFor,
  stageForDuration,
  SUBACUTE_FROM,
} from '../../src/core/stage.js';

const _ = (duration: string, pain: number, expected: string) => () => expect(stageFor(parseSymptomDuration(duration), pain)).toBe(expected);

describe('stage', () => {
  it('3 days is acute', _('3d', 4, 'acute'));
  it('41 days is acute', _('41d', 4, 'acute'));
  it('exactly 6 weeks (42 days) is subacute: "under 6 weeks" excludes it', _('6w', 4, 'subacute'));
  it('just under 6 weeks is acute', () => expect(stageForDuration(SUBACUTE_FROM - 1)).toBe('acute'));
  it('10 weeks is subacute', _('10w', 4, 'subacute'));
  it('exactly 12 weeks (84 days) is still subacute: chronic is "over 12 weeks"', _('12w', 4, 'subacute'));
  it('just over 12 weeks is chronic', () => expect(stageForDuration(CHRONIC_AFTER + 1)).toBe('chronic'));
  it('85 days is chronic', _('85d', 4, 'chronic'));
  it('3 months (90 days) is chronic', _('3mo', 4, 'chronic'));
  it('1 year is chronic', _('1y', 7, 'chronic'));
  it('pain 0 is maintenance whatever the duration', _('1y', 0, 'maintenance'));
  it('pain 0 after 2 days is maintenance', _('2d', 0, 'maintenance'));
  it('0 days with pain is acute', _('0d', 3, 'acute'));
});

describe('plans.json agrees with the stage boundaries', () => {
  it('every stage has a plan and the day ranges match stageForDuration', async () => {
    const catalogue = await loadCatalogue();
    for (const stage of ['acute', 'subacute', 'chronic'] as const) {
      const { range } = planFor(catalogue, stage);
      expect(range, stage).not.toBeNull();
      expect(stageForDuration(range!.minDays * DAY), `${stage} min`).toBe(stage);
      if (range!.maxDays !== null) {
        expect(stageForDuration(range!.maxDays * DAY), `${stage} max`).toBe(stage);
        expect(stageForDuration((range!.maxDays + 1) * DAY), `${stage} max + 1`).not.toBe(stage);
      }
    }
    expect(planFor(catalogue, 'maintenance').range).toBeNull();
  });
});

describe('planStage', () => {
  const pick = (input: Parameters<typeof planStage>[0]) => planStage(input)?.stage;
  it('--stage wins', () => expect(pick({ stage: 'chronic', latest: { stage: 'acute', at: 'x' } })).toBe('chronic'));
  it('--duration picks by duration', () => expect(pick({ duration: { text: '10w', ms: parseSymptomDuration('10w') } })).toBe('subacute'));
  it('falls back to the latest check-in', () =>
    expect(pick({ latest: { stage: 'maintenance', at: '2026-11-25T09:00:00+00:00' } })).toBe('maintenance'));
  it('nothing known: undefined', () => expect(planStage({})).toBeUndefined());
  it('both --stage and --duration: usage error', () =>
    expect(() => planStage({ stage: 'acute', duration: { text: '1w', ms: 7 * DAY } })).toThrow(/both choose/));
});

describe('planGate', async () => {
  const { safety } = await loadCatalogue();
  const HOUR = 3_600_000;
  const gate = (level: 'emergency' | 'urgent' | 'soon' | 'self-care' | null, hoursAgo = 2, cleared = false, clearedAt?: number) =>
    planGate({ latest: level ? { at: 0, level, flags: [] } : undefined, now: hoursAgo * HOUR, cleared, clearedAt, levels: safety.levels });
  it('no check-in: the plan, no banner', () => expect(gate(null)).toEqual({ banner: null, gentleOnly: false, checkupFirst: false }));
  it('self-care: no banner', () => expect(gate('self-care')).toEqual({ banner: null, gentleOnly: false, checkupFirst: false }));
  it('soon: the referral leads, gentle routines only, the check-up first', () =>
    expect(gate('soon')).toMatchObject({
      banner: expect.stringMatching(
        /^Following your check-in of 1970-01-01 \(2 h ago\), until 1970-01-15 or a newer check-in: Book a check-up soon/,
      ),
      gentleOnly: true,
      checkupFirst: true,
    }));
  it('soon after 14 days: the plan as usual', () =>
    expect(gate('soon', 15 * 24)).toMatchObject({ gentleOnly: false, checkupFirst: false }));
  it('urgent: refused with exit 3', () => expect(() => gate('urgent')).toThrow(expect.objectContaining({ exitCode: 3 })));
  it('emergency a month ago: still refused', () =>
    expect(() => gate('emergency', 30 * 24)).toThrow(/your check-in of 1970-01-01 \(4 weeks ago\) found reasons to get help first/));
  it('emergency, then a recorded clearance: the plan again', () =>
    expect(gate('emergency', 30 * 24, false, HOUR)).toEqual({ banner: null, gentleOnly: false, checkupFirst: false }));
  it('emergency, cleared: the whole plan, saying why', () =>
    expect(gate('emergency', 2, true)).toMatchObject({ banner: expect.stringMatching(/cleared you/), gentleOnly: false }));
});

describe('calendarPlan', async () => {
  const catalogue = await loadCatalogue();
  it("the article's schedule without --evidence", () =>
    expect(calendarPlan(planFor(catalogue, 'acute'), catalogue, false).calendar).toEqual(planFor(catalogue, 'acute').calendar));
  it('--evidence for chronic pain: the studied dose', () =>
    expect(calendarPlan(planFor(catalogue, 'chronic'), catalogue, true).calendar).toEqual(catalogue.evidencePlan.calendar));
  it.each(['acute', 'subacute', 'maintenance'] as const)('--evidence for %s: no massage sessions', (stage) =>
    expect(calendarPlan(planFor(catalogue, stage), catalogue, true).calendar).toBeNull(),
  );
  it('--evidence for recent pain says why (OPTIMa)', () =>
    expect(calendarPlan(planFor(catalogue, 'acute'), catalogue, true).description).toMatch(/OPTIMa/));
});
