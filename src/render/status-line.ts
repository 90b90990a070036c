// `remind status --short` / `--format`: one line for a status bar (tmux, waybar, polybar,
// i3blocks, starship). Pure: the caller reads the files, this only formats.
import { HOUR, MINUTE } from '../core/clock.js';
import { formatSpan } from '../core/duration.js';
import { type TimeZone, when } from '../core/time.js';
import { usageError } from '../errors.js';

export interface SegmentView {
  running: boolean;
  nextDue: number | null;
  pausedUntil: number | 'indefinite' | null;
  snoozedUntil: number | null;
  now: number;
  zone: TimeZone;
}

/** `--short` is this template; an empty result (nothing running) prints an empty line. */
export const SHORT_FORMAT = '{icon} {next}';

const TOKENS = {
  /** ☕ the next break is coming, ⏸ paused; nothing when reminders are not running. */
  icon: (v: SegmentView) => (!v.running ? '' : v.pausedUntil !== null ? '⏸' : '☕'),
  /** What a bar has room for: minutes left within the hour ("7m", "now"), else the time to the minute ("14:30", "Mon 09:45"). */
  next: (v: SegmentView) => {
    const at = target(v);
    if (at === null) return '';
    return v.pausedUntil === null && at - v.now < HOUR ? left(at - v.now) : when(at, v.now, v.zone, { seconds: false });
  },
  /** Time left until the next reminder or the end of the pause ("1h 5m"). */
  in: (v: SegmentView) => {
    const at = target(v);
    return at === null ? '' : left(at - v.now);
  },
  /** When the next reminder comes or the pause ends ("12:40", "Mon 09:45"). */
  at: (v: SegmentView) => {
    const at = target(v);
    return at === null ? '' : when(at, v.now, v.zone, { seconds: false });
  },
  state: (v: SegmentView) => (!v.running ? 'stopped' : v.pausedUntil !== null ? 'paused' : v.snoozedUntil !== null ? 'snoozed' : 'running'),
} as const;

export const STATUS_TOKENS = Object.keys(TOKENS);

function target(v: SegmentView): number | null {
  if (!v.running || v.pausedUntil === 'indefinite') return null;
  return v.pausedUntil ?? v.nextDue;
}

/** Whole minutes, rounded up, so "1m" is the last before "now". */
function left(ms: number): string {
  if (ms <= 0) return 'now';
  return formatSpan(Math.ceil(ms / MINUTE) * MINUTE).replace(' ', '');
}

/** Checks a `--format` template once, before anything is read: an unknown `{token}` is a usage error. */
export function checkFormat(template: string): string {
  for (const [, name] of template.matchAll(/\{([^}]*)\}/g)) {
    if (!(name! in TOKENS)) throw usageError(`--format has no {${name}}`, `use ${STATUS_TOKENS.map((t) => `{${t}}`).join(', ')}`);
  }
  return template;
}

export function statusLine(template: string, view: SegmentView): string {
  return template.replace(/\{([^}]*)\}/g, (_, name: keyof typeof TOKENS) => TOKENS[name](view)).trim();
}
