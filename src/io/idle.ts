// Idle sources for natural breaks (design §7): those that report milliseconds since the last input
// first, logind's LockedHint only where none of them works (its IdleHint is set only by desktops
// that call SetIdleHint, so "not idle" cannot be told from "unsupported").
import type { IdleReading } from '../core/away.js';
import { callBus, replyBoolean, replyNumber } from './bus.js';
import { type RunTool, runTool } from './exec.js';
import type { Check } from './notify.js';
import { findOnPath } from './paths.js';

export interface IdleSource {
  id: string;
  /** What `remind doctor` shows. */
  detail: string;
  /** One reading, or null when the source does not answer. */
  read(): Promise<IdleReading | null>;
}

const ms = (idleMs: number | null): IdleReading | null => (idleMs === null || !Number.isFinite(idleMs) ? null : { idleMs, locked: null });

/** logind names a session's object by its id, escaped the way sd-bus escapes path labels. */
export function sessionPath(id: string | undefined): string {
  if (!id) return '/org/freedesktop/login1/session/auto';
  const label = [...id]
    .map((c, i) => (/[A-Za-z]/.test(c) || (/\d/.test(c) && i > 0) ? c : `_${c.charCodeAt(0).toString(16).padStart(2, '0')}`))
    .join('');
  return `/org/freedesktop/login1/session/${label}`;
}

// Windows has no idle command: ask user32's GetLastInputInfo through PowerShell (costly, but the only built-in way).
const WINDOWS_IDLE = `Add-Type -TypeDefinition 'using System;using System.Runtime.InteropServices;public static class NcIdle{[StructLayout(LayoutKind.Sequential)]struct L{public uint s;public uint t;}[DllImport("user32.dll")]static extern bool GetLastInputInfo(ref L l);public static uint Ms(){L l=new L();l.s=8;GetLastInputInfo(ref l);return (uint)Environment.TickCount-l.t;}}';[NcIdle]::Ms()`;

/** The sources this platform might have, in the order they are tried. */
export function idleSources(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform, run: RunTool = runTool): IdleSource[] {
  if (platform === 'darwin') {
    return [
      {
        id: 'hid-idle',
        detail: 'macOS HIDIdleTime (ioreg)',
        read: async () => {
          const out = await run('/usr/sbin/ioreg', ['-c', 'IOHIDSystem', '-d', '4', '-r', '-k', 'HIDIdleTime'], { env });
          const ns = /"HIDIdleTime"\s*=\s*(\d+)/.exec(out.stdout)?.[1];
          return out.ok && ns ? ms(Number(ns) / 1e6) : null;
        },
      },
    ];
  }
  if (platform === 'win32') {
    return [
      {
        id: 'last-input',
        detail: 'Windows last input time (PowerShell)',
        read: async () => {
          const out = await run('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', WINDOWS_IDLE], { env, timeoutMs: 10_000 });
          return out.ok ? ms(Number.parseInt(out.stdout.trim(), 10)) : null;
        },
      },
    ];
  }
  const session = (dest: string, path: string, method: string) => callBus({ bus: 'session', dest, path, method }, env, run);
  const sources: IdleSource[] = [
    {
      id: 'mutter',
      detail: 'GNOME Mutter IdleMonitor (D-Bus)',
      read: async () =>
        ms(
          replyNumber(
            await session('org.gnome.Mutter.IdleMonitor', '/org/gnome/Mutter/IdleMonitor/Core', 'org.gnome.Mutter.IdleMonitor.GetIdletime'),
          ),
        ),
    },
    {
      id: 'screensaver',
      detail: 'freedesktop ScreenSaver GetSessionIdleTime (D-Bus)',
      read: async () =>
        ms(
          replyNumber(
            await session('org.freedesktop.ScreenSaver', '/org/freedesktop/ScreenSaver', 'org.freedesktop.ScreenSaver.GetSessionIdleTime'),
          ),
        ),
    },
  ];
  // Under Wayland, DISPLAY is XWayland, whose idle clock never sees the compositor's own input.
  const xprintidle = env.DISPLAY && !env.WAYLAND_DISPLAY ? findOnPath('xprintidle', env) : null;
  if (xprintidle) {
    sources.push({
      id: 'xprintidle',
      detail: `X11 screensaver idle time (${xprintidle})`,
      read: async () => {
        const out = await run(xprintidle, [], { env });
        return out.ok && /^\d+\s*$/.test(out.stdout) ? ms(Number(out.stdout)) : null;
      },
    });
  }
  sources.push({
    id: 'logind',
    detail: 'logind LockedHint (a locked screen only, not idle time)',
    read: async () => {
      const reply = await callBus(
        {
          bus: 'system',
          dest: 'org.freedesktop.login1',
          path: sessionPath(env.XDG_SESSION_ID),
          method: 'org.freedesktop.DBus.Properties.Get',
          args: ['string:org.freedesktop.login1.Session', 'string:LockedHint'],
        },
        env,
        run,
      );
      const locked = replyBoolean(reply);
      return locked === null ? null : { idleMs: null, locked };
    },
  });
  return sources;
}

export interface IdleReader {
  read(): Promise<IdleReading | null>;
  /** The source in use once one has answered; null before the first read or when none works. */
  source(): IdleSource | null;
}

/**
 * Reads through the first source that answers, remembered for the daemon's run: one helper
 * process per reading. When it stops answering the sources are tried again once; when none
 * answers, reading stops (natural breaks off, reminders as before) until the daemon restarts.
 */
export function createIdleReader(sources: readonly IdleSource[]): IdleReader {
  let current: IdleSource | null = null;
  let exhausted = false;
  const probe = async (): Promise<IdleReading | null> => {
    for (const source of sources) {
      const reading = await source.read();
      if (reading) {
        current = source;
        return reading;
      }
    }
    exhausted = true;
    return null;
  };
  return {
    async read() {
      if (exhausted) return null;
      if (current) {
        const reading = await current.read();
        if (reading) return reading;
        current = null;
      }
      return probe();
    },
    source: () => current,
  };
}

/** The first source that answers now, for `remind doctor`. */
export async function findIdleSource(sources: readonly IdleSource[]): Promise<IdleSource | null> {
  const reader = createIdleReader(sources);
  await reader.read();
  return reader.source();
}

/** `remind doctor`: where idle time comes from (informational: without one, reminders work as before). */
export async function idleCheck(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): Promise<Check> {
  const source = await findIdleSource(idleSources(env, platform));
  if (source) return { id: 'idle', ok: true, detail: `time away counts as a break: ${source.detail}`, fix: null };
  const hint =
    platform === 'linux' && env.DISPLAY && !env.WAYLAND_DISPLAY && !findOnPath('xprintidle', env)
      ? ' (on X11: apt-get install xprintidle)'
      : '';
  return { id: 'idle', ok: true, detail: `no idle source answered: time away counts only when the computer sleeps${hint}`, fix: null };
}
