import type { GlobalOptions } from '../context.js';
import { formatSpan } from '../core/duration.js';
import { localDate } from '../core/time.js';
import { paint } from './paint.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** "10:45" today, "Thu 09:45" within a week, else the date: people read times, not ISO strings. */
export function when(ms: number, now: number): string {
  const d = new Date(ms);
  const hm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}${ms - now < 120_000 && ms > now ? `:${String(d.getSeconds()).padStart(2, '0')}` : ''}`;
  if (localDate(ms) === localDate(now)) return hm;
  if (Math.abs(ms - now) < 6 * 86_400_000) return `${DAYS[d.getDay()]} ${hm}`;
  return `${localDate(ms)} ${hm}`;
}

export interface StatusView {
  running: boolean;
  pid: number | null;
  since: number | null;
  every: number;
  workHours: string | null;
  days: string;
  routine: string;
  nextDue: number | null;
  pausedUntil: number | 'indefinite' | null;
  snoozedUntil: number | null;
  lastSent: number | null;
  lastError: { at: number; message: string } | null;
  service: { installed: boolean; kind: string | null };
  now: number;
}

export function statusText(v: StatusView, global: GlobalOptions): string {
  const c = paint(global);
  const lines: string[] = [];
  lines.push(
    v.running
      ? `${c.green('●')} Reminders are running (pid ${v.pid}${v.since ? `, since ${when(v.since, v.now)}` : ''}).`
      : `${c.dim('○')} Reminders are not running. Start them with: neckcoach remind start`,
  );
  lines.push(`  every ${formatSpan(v.every)}, ${v.workHours ? `${v.workHours}, ` : 'any time, '}${v.days}; suggests \`neckcoach routine ${v.routine}\``);
  if (v.pausedUntil === 'indefinite') lines.push(`  ${c.yellow('paused')} until \`neckcoach remind resume\``);
  else if (v.pausedUntil !== null) lines.push(`  ${c.yellow('paused')} until ${when(v.pausedUntil, v.now)}`);
  if (v.snoozedUntil !== null) lines.push(`  snoozed until ${when(v.snoozedUntil, v.now)}`);
  if (v.running) lines.push(`  next reminder: ${v.nextDue === null ? 'none scheduled' : `${when(v.nextDue, v.now)} (in ${formatSpan(Math.max(0, v.nextDue - v.now))})`}`);
  if (v.lastSent !== null) lines.push(`  last reminder: ${when(v.lastSent, v.now)}`);
  if (v.lastError) lines.push(`  ${c.red('last error')} ${when(v.lastError.at, v.now)}: ${v.lastError.message}\n  see \`neckcoach remind doctor\``);
  lines.push(`  start at login: ${v.service.installed ? `installed (${v.service.kind})` : 'not installed (`neckcoach remind install`)'}`);
  return `${lines.join('\n')}\n`;
}

export interface CheckView {
  id: string;
  ok: boolean;
  detail: string;
  fix: string | null;
}

export function doctorText(checks: readonly CheckView[], global: GlobalOptions): string {
  const c = paint(global);
  const width = Math.max(...checks.map((k) => k.id.length));
  const lines = checks.map((k) => {
    const mark = k.ok ? c.green('✓') : c.red('✗');
    return `${mark} ${k.id.padEnd(width)}  ${k.detail}${k.ok || !k.fix ? '' : `\n  ${''.padEnd(width)}  ${c.bold('fix:')} ${k.fix}`}`;
  });
  const failing = checks.filter((k) => !k.ok).map((k) => k.id);
  lines.push(
    '',
    failing.length === 0
      ? 'Notifications should arrive. `neckcoach remind test` sends one now.'
      : failing.every((id) => id === 'terminal')
        ? 'Notifications should arrive, but their Start button needs a terminal first.'
        : 'Notifications will not arrive until the failing checks are fixed.',
  );
  return `${lines.join('\n')}\n`;
}
