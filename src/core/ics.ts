/**
 * iCalendar text (RFC 5545) for a massage-frequency plan: one all-day VEVENT per suggested session
 * and one daily routine VEVENT with an RRULE. Pure: dates are calendar dates (YYYY-MM-DD), the
 * routine time is floating local time, and DTSTAMP comes from the injected clock.
 */
import type { Calendar } from '../content/schema.js';
import { addDays } from './time.js';

export interface IcsPlan {
  /** Used in UIDs, so importing the same plan again updates rather than duplicates. */
  key: string;
  title: string;
  calendar: Calendar;
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
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export function buildIcs(plan: IcsPlan): string {
  const stamp = utcStamp(plan.now);
  const { calendar } = plan;
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//neckcoach//neck care plan//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${escapeText(`neckcoach: ${plan.title}`)}`];

  const days = sessionDays(calendar);
  for (const [index, offset] of days.entries()) {
    const day = addDays(plan.start, offset);
    lines.push(
      'BEGIN:VEVENT',
      `UID:neckcoach-${plan.key}-${plan.start}-session-${index + 1}@neckcoach`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${compactDate(day)}`,
      `DTEND;VALUE=DATE:${compactDate(addDays(day, 1))}`,
      `SUMMARY:${escapeText(`Massage session ${index + 1} of ${days.length} (${calendar.minutes} min), if you choose one`)}`,
      `DESCRIPTION:${escapeText(plan.description)}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }

  const [hh, mm] = (plan.routineTime ?? '08:00').split(':');
  const minutes = Math.max(1, Math.ceil(plan.routine.seconds / 60));
  lines.push(
    'BEGIN:VEVENT',
    `UID:neckcoach-${plan.key}-${plan.start}-routine-${plan.routine.id}@neckcoach`,
    `DTSTAMP:${stamp}`,
    `DTSTART:${compactDate(plan.start)}T${hh}${mm}00`,
    `DURATION:PT${minutes}M`,
    `RRULE:FREQ=DAILY;COUNT=${calendar.weeks * 7}`,
    `SUMMARY:${escapeText(`${plan.routine.title} (${plan.routine.length})`)}`,
    `DESCRIPTION:${escapeText(`A daily routine between sessions. Run it with: neckcoach routine ${plan.routine.id}`)}`,
    'END:VEVENT',
    'END:VCALENDAR',
  );
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
