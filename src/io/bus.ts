// D-Bus method calls through the command-line clients (no D-Bus library in the bundle): dbus-send
// where installed (a small C program), else gdbus. Used for the notification server, idle time and
// logind; every call is a short-lived helper process, so callers keep them rare.
import type { RunTool } from './exec.js';
import { findOnPath } from './paths.js';

export interface BusCall {
  bus: 'session' | 'system';
  dest: string;
  path: string;
  /** Interface and member, e.g. `org.freedesktop.Notifications.GetCapabilities`. */
  method: string;
  /** Arguments in dbus-send's typed form: `string:paused`, `uint32:7`. */
  args?: readonly string[];
}

/** gdbus takes GVariant text: `'paused'`, `uint32 7`. */
const gvariant = (arg: string) => {
  const [type, ...rest] = arg.split(':');
  const value = rest.join(':');
  return type === 'string' ? `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : `${type} ${value}`;
};

/** The reply as the client printed it, or null when the call failed (no bus, no such service, an error reply). */
export async function callBus(call: BusCall, env: NodeJS.ProcessEnv, run: RunTool): Promise<string | null> {
  const dbusSend = findOnPath('dbus-send', env);
  const gdbus = dbusSend ? null : findOnPath('gdbus', env);
  if (!dbusSend && !gdbus) return null;
  const args = dbusSend
    ? [`--${call.bus}`, '--print-reply', `--dest=${call.dest}`, call.path, call.method, ...(call.args ?? [])]
    : [
        'call',
        `--${call.bus}`,
        '--dest',
        call.dest,
        '--object-path',
        call.path,
        '--method',
        call.method,
        ...(call.args ?? []).map(gvariant),
      ];
  const result = await run((dbusSend ?? gdbus)!, args, { env });
  return result.ok ? result.stdout : null;
}

// Readers for both clients' reply formats (dbus-send: `variant boolean true`, `uint64 42`,
// `string "x"`; gdbus: `(<true>,)`, `(uint64 42,)`, `('x',)`).

export function replyBoolean(reply: string | null): boolean | null {
  const m = reply === null ? null : /\b(true|false)\b/.exec(reply);
  return m ? m[1] === 'true' : null;
}

export function replyNumber(reply: string | null): number | null {
  const m = reply === null ? null : /\b(?:u?int(?:16|32|64)|double)\s+(\d+(?:\.\d+)?)/.exec(reply);
  return m ? Number(m[1]) : null;
}

export function replyStrings(reply: string | null): string[] {
  if (reply === null) return [];
  return [...reply.matchAll(/string "((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'/g)].map((m) => (m[1] ?? m[2])!.replace(/\\(.)/g, '$1'));
}
