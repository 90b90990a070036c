/**
 * iCalendar text (RFC 5545) for a massage-frequency plan: one all-day VEVENT per suggested session,
 * all-day notes (book the check-up, re-check with `neckcoach check`) and one daily routine VEVENT
 * with an RRULE. Calendar files cannot run commands (RFC 5545 dropped command alarms), so a
 * re-check is an event whose text says what to run. Pure: dates are calendar dates (YYYY-MM-DD),
 * the routine time is floating local time, and DTSTAMP comes from the injected clock.
 */
import type { Calendar } from '../content/schema.js';
import { addDays } from './time.js';

/** An all-day event that is not a session: "book the check-up", "re-check: run neckcoach check". */
export interface IcsNote {
  /** Part of the UID. */
  id: string;
  /** Days after the start. */
  day: number;
  summary: string;
  description: string;
}

export interface IcsPlan {
  /** Used in UIDs, so importing the same plan again updates rather than duplicates. */
  key: string;
  title: string;
  /** The massage sessions; null when the plan suggests none (the evidence view of recent pain). */
  calendar: Calendar | null;
  /** Days after the start before the first session (after a "soon" check-in, the check-up comes first). */
  sessionsFrom?: number;
  notes?: readonly IcsNote[];
  /** Shown in each session's description: the guidance and what the evidence says. */
  description: string;
  /** First day, YYYY-MM-DD. */
  start: string;
  /** DTSTAMP: when the file was made (epoch ms). */
  now: number;
  /** `length`: how long it runs as people read it elsewhere ("2 min 17 s"); the event itself takes whole minutes. */
  routine: { id: string; title: string; seconds: number; length: string };
  /** Local time of the daily routine, HH:MM. */
  routineTime?: string;
}

/**
 * Day offsets of the sessions: evenly spaced at 7/perWeek days over `weeks` weeks, at least one.
 * 2 a week → every 3-4 days; 0.5 a week → every 14 days; 0.25 → every 28 days.
 */
export function sessionDays(calendar: Pick<Calendar, 'perWeek' | 'weeks'>): number[] {
  const span = calendar.weeks * 7;
  const count = Math.max(1, Math.round(calendar.perWeek * calendar.weeks));
  const gap = 7 / calendar.perWeek;
  return Array.from({ length: count }, (_, i) => Math.round(i * gap)).filter((day, i) => i === 0 || day < span);
}

/** TEXT value escaping (RFC 5545 §3.3.11). */
export function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

const encoder = new TextEncoder();

/** Folds a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // Continuation lines start with one space, which counts towards their 75.
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const compactDate = (date: string) => date.replace(/-/g, '');

/** UTC date-time form, e.g. 20261125T093000Z. */
export function utcStamp(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** One all-day event. */
function allDay(uid: string, stamp: string, day: string, summary: string, description: string): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${uid}@neckcoach`,
    `DTSTAMP:${stamp}`,
    `DTSTART;VALUE=DATE:${compactDate(day)}`,
    `DTEND;VALUE=DATE:${compactDate(addDays(day, 1))}`,
    `SUMMARY:${escapeText(summary)}`,
    `DESCRIPTION:${escapeText(description)}`,
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
  ];
}

/** How many days the daily routine runs: through the sessions and up to the last note, a week at least. */
export function routineDays(plan: Pick<IcsPlan, 'calendar' | 'sessionsFrom' | 'notes'>): number {
  const sessions = plan.calendar ? (plan.sessionsFrom ?? 0) + plan.calendar.weeks * 7 : 0;
  return Math.max(sessions, ...(plan.notes ?? []).map((n) => n.day + 1), 7);
}

export function buildIcs(plan: IcsPlan): string {
  const stamp = utcStamp(plan.now);
  const { calendar } = plan;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//neckcoach//neck care plan//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(`neckcoach: ${plan.title}`)}`,
  ];

  for (const note of plan.notes ?? []) {
    lines.push(
      ...allDay(`neckcoach-${plan.key}-${plan.start}-${note.id}`, stamp, addDays(plan.start, note.day), note.summary, note.description),
    );
  }
  const days = calendar ? sessionDays(calendar) : [];
  for (const [index, offset] of days.entries()) {
    const summary = `Massage session ${index + 1} of ${days.length} (${calendar!.minutes} min), if you choose one`;
    const day = addDays(plan.start, (plan.sessionsFrom ?? 0) + offset);
    lines.push(...allDay(`neckcoach-${plan.key}-${plan.start}-session-${index + 1}`, stamp, day, summary, plan.description));
  }

  const [hh, mm] = (plan.routineTime ?? '08:00').split(':');
  const minutes = Math.max(1, Math.ceil(plan.routine.seconds / 60));
  lines.push(
    'BEGIN:VEVENT',
    `UID:neckcoach-${plan.key}-${plan.start}-routine-${plan.routine.id}@neckcoach`,
    `DTSTAMP:${stamp}`,
    `DTSTART:${compactDate(plan.start)}T${hh}${mm}00`,
    `DURATION:PT${minutes}M`,
    `RRULE:FREQ=DAILY;COUNT=${routineDays(plan)}`,
    `SUMMARY:${escapeText(`${plan.routine.title} (${plan.routine.length})`)}`,
    `DESCRIPTION:${escapeText(`A daily routine between sessions. Run it with: neckcoach routine ${plan.routine.id}`)}`,
    'END:VEVENT',
    'END:VCALENDAR',
  );
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
