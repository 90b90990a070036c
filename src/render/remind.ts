import type { GlobalOptions } from '../context.js';
import { formatSpan } from '../core/duration.js';
import { when } from '../core/time.js';
import { paint } from './paint.js';

/** When reminders may come, as stored: "any time", "mon-fri", "09:00-17:30" or "mon-fri 09:00-17:30". */
export function windowText(days: string, workHours: string | null): string {
  return [days === 'all' ? '' : days, workHours ?? ''].filter(Boolean).join(' ') || 'any time';
}

export interface StatusView {
  running: boolean;
  pid: number | null;
  since: number | null;
  /** Running from a deleted folder: it stops at its next wake. */
  orphan: boolean;
  /** The daemon's last recorded wake, when it is more than two heartbeats old (it cannot save). */
  silentSince: number | null;
  logFile: string;
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
  if (v.orphan) {
    lines.push(
      `${c.yellow('●')} A reminder scheduler (pid ${v.pid}) is still running from this home, whose files were deleted.`,
      '  It stops by itself at its next wake, without sending; `neckcoach remind stop` stops it now.',
    );
    return `${lines.join('\n')}\n`;
  }
  lines.push(
    !v.running
      ? `${c.dim('○')} Reminders are not running. Start them with: neckcoach remind start`
      : v.silentSince !== null
        ? `${c.yellow('●')} Reminders are running (pid ${v.pid}) but not recording: nothing saved since ${when(v.silentSince, v.now)}.\n  The disk may be full or read-only; see ${v.logFile}`
        : `${c.green('●')} Reminders are running (pid ${v.pid}${v.since ? `, since ${when(v.since, v.now)}` : ''}).`,
  );
  lines.push(`  every ${formatSpan(v.every)}, ${windowText(v.days, v.workHours)}; suggests \`neckcoach routine ${v.routine}\``);
  if (v.pausedUntil === 'indefinite') lines.push(`  ${c.yellow('paused')} until \`neckcoach remind resume\``);
  else if (v.pausedUntil !== null) lines.push(`  ${c.yellow('paused')} until ${when(v.pausedUntil, v.now)}`);
  if (v.snoozedUntil !== null) lines.push(`  snoozed until ${when(v.snoozedUntil, v.now)}`);
  if (v.running)
    lines.push(
      `  next reminder: ${v.nextDue === null ? 'none scheduled' : `${when(v.nextDue, v.now)} (in ${formatSpan(Math.max(0, v.nextDue - v.now))})`}`,
    );
  if (v.lastSent !== null) lines.push(`  last reminder: ${when(v.lastSent, v.now)}`);
  if (v.lastError)
    lines.push(`  ${c.red('last error')} ${when(v.lastError.at, v.now)}: ${v.lastError.message}\n  see \`neckcoach remind doctor\``);
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
