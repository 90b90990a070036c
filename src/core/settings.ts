import { usageError } from '../errors.js';
import { parseCommandLine, parseTerminalTemplate } from './argv.js';
import { HOUR, MINUTE } from './clock.js';
import { formatSpan, parseSpan } from './duration.js';
import { formatDays, formatWorkHours, parseDays, parseWorkHours } from './workhours.js';

/** The floor and ceiling for break intervals: the seed and UK HSE advice say every 30–60 minutes. */
export const EVERY_MIN = 30 * MINUTE;
export const EVERY_MAX = 60 * MINUTE;
export const EVERY_DEFAULT = 45 * MINUTE;

/** Idle or locked this long counts as a break taken (design §7: natural breaks). */
export const AWAY_MIN = 2 * MINUTE;
export const AWAY_MAX = 30 * MINUTE;

export type SettingValue = string | boolean | null;

export interface SettingSpec<K extends string = string, V extends SettingValue = SettingValue> {
  key: K;
  description: string;
  default: V;
  /** Accepted values, for help and errors. */
  accepts: string;
  /** The values shell completion offers: all of them, or the usual ones where any text of a form will do. */
  values?: readonly string[];
  /** Turns user text into the stored value, or throws a usage error naming what is accepted. */
  parse(text: string, env?: NodeJS.ProcessEnv): V;
}

/** Declares one setting; the key and value types flow into `Settings`. */
const setting = <const K extends string, V extends SettingValue>(spec: SettingSpec<K, V>): SettingSpec<K, V> => spec;

const bool =
  (key: string) =>
  (text: string): boolean => {
    const t = text.trim().toLowerCase();
    if (['true', 'on', 'yes', '1'].includes(t)) return true;
    if (['false', 'off', 'no', '0'].includes(t)) return false;
    throw usageError(`${key} must be true or false, not "${text}"`);
  };

/** A floor, lowered by `NECKCOACH_MIN_INTERVAL` (seconds) for tests only. */
function testFloor(floor: number, env: NodeJS.ProcessEnv): number {
  const seconds = Number(env.NECKCOACH_MIN_INTERVAL);
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(floor, seconds * 1000) : floor;
}

/** How long idle or locked counts as a break: 2m to 30m (the test floor applies, as for intervals). */
export function parseAwayAfter(text: string, env: NodeJS.ProcessEnv = {}): number {
  const ms = parseSpan(text, 'remind.awayAfter');
  if (ms < testFloor(AWAY_MIN, env) || ms > AWAY_MAX) {
    throw usageError(`remind.awayAfter of ${formatSpan(ms)} is outside the accepted range`, 'use 2m to 30m, e.g. 5m');
  }
  return ms;
}

/**
 * Parses and range-checks a break interval. `NECKCOACH_MIN_INTERVAL` (seconds) lowers the floor
 * for tests only; it is documented in the README's testing section, not in --help.
 */
export function parseEvery(text: string, env: NodeJS.ProcessEnv = {}): number {
  const floor = testFloor(EVERY_MIN, env);
  const range = `${formatSpan(floor).replace(' ', '')} to ${EVERY_MAX / MINUTE}m`;
  const bare = Number(text.trim());
  if (text.trim() !== '' && Number.isFinite(bare)) {
    // A bare number: suggest only the units that would land inside the range (45 → 45m, 1 → 1h).
    const fits = (
      [
        [MINUTE, 'm'],
        [HOUR, 'h'],
      ] as const
    )
      .filter(([unit]) => bare * unit >= floor && bare * unit <= EVERY_MAX)
      .map(([, u]) => `${bare}${u}`);
    throw usageError(
      `interval "${text}" needs a unit`,
      fits.length ? `did you mean ${fits.join(' or ')}? (breaks every ${range})` : `use ${range}, e.g. 45m`,
    );
  }
  const ms = parseSpan(text, 'interval');
  if (ms < floor || ms > EVERY_MAX) {
    throw usageError(
      `a break interval of ${formatSpan(ms)} is outside the accepted range`,
      `use ${range} (breaks every 30-60 minutes), e.g. --every 45m`,
    );
  }
  return ms;
}

/** A command (design §7): stored as written, checked to split into argv without a shell. */
const commandSetting = <K extends string>(
  key: K,
  description: string,
  check = parseCommandLine,
  accepts = 'a command: words as a shell would split them, or a JSON array; none to remove',
) =>
  setting({
    key,
    description,
    default: null,
    accepts,
    values: ['none'],
    parse: (text): string | null => {
      if (text.trim().toLowerCase() === 'none') return null;
      check(text, key);
      return text.trim();
    },
  });

export const SETTINGS = [
  setting({
    key: 'remind.every',
    description: 'time between break reminders',
    default: '45m',
    accepts: '30m to 60m',
    values: ['30m', '45m', '60m'],
    parse: (text, env) => formatSpan(parseEvery(text, env)).replace(' ', ''),
  }),
  setting({
    key: 'remind.workHours',
    description: 'only remind inside these hours (none = any time)',
    default: null,
    accepts: 'e.g. 9-17, 9:00-17:30, 22:00-06:00, or none',
    values: ['9-17', '9:00-17:30', '8-16', 'none'],
    parse: (text) => (text.trim().toLowerCase() === 'none' ? null : formatWorkHours(parseWorkHours(text))),
  }),
  setting({
    key: 'remind.days',
    description: 'only remind on these days',
    default: 'all',
    accepts: 'e.g. mon-fri, mon,wed,fri, all',
    values: ['mon-fri', 'all', 'mon,wed,fri'],
    parse: (text) => formatDays(parseDays(text)),
  }),
  setting({
    key: 'remind.awayAfter',
    description: 'idle or locked this long counts as a break',
    default: '5m',
    accepts: '2m to 30m',
    values: ['5m', '10m', '15m'],
    parse: (text, env) => formatSpan(parseAwayAfter(text, env)).replace(' ', ''),
  }),
  commandSetting(
    'remind.terminal',
    "the terminal a reminder's Start opens, {cmd} where the routine goes (none: detect one)",
    parseTerminalTemplate,
    'a command such as `xterm -e {cmd}`, or a JSON array; none to detect one',
  ),
  commandSetting('remind.quiet', 'a command whose exit status 0 means "not now": the reminder waits (a meeting detector)'),
  commandSetting('remind.onReminder', 'a command run after each reminder, with the event as JSON on stdin'),
  commandSetting('remind.onBreak', 'a command run when a break is noticed (a routine, time away), with the event as JSON on stdin'),
  setting({
    key: 'routine.sound',
    description: 'a terminal bell at each change in a routine',
    default: true,
    accepts: 'true or false',
    values: ['true', 'false'],
    parse: bool('routine.sound'),
  }),
  setting({
    key: 'routine.voice',
    description: 'speak routine cues aloud',
    default: false,
    accepts: 'true or false',
    values: ['true', 'false'],
    parse: bool('routine.voice'),
  }),
  setting({
    key: 'routine.default',
    description: 'the routine reminders suggest',
    default: 'desk-break',
    accepts: 'a routine id (see `neckcoach routines`)',
    parse: (text) => {
      if (!/^[a-z0-9][a-z0-9-]*$/.test(text.trim())) throw usageError(`routine.default must be a routine id, not "${text}"`);
      return text.trim();
    },
  }),
  setting({
    key: 'color',
    description: 'colour in human output',
    default: 'auto',
    accepts: 'auto, always or never',
    values: ['auto', 'always', 'never'],
    parse: (text) => {
      const t = text.trim().toLowerCase();
      if (t === 'auto' || t === 'always' || t === 'never') return t;
      throw usageError(`color must be auto, always or never, not "${text}"`);
    },
  }),
  setting({
    key: 'emergencyNumber',
    description: 'the emergency number shown with urgent advice',
    default: null,
    accepts: 'digits such as 112, 999 or 911, or none',
    values: ['112', '911', '999', 'none'],
    parse: (text) => {
      const t = text.trim();
      if (t.toLowerCase() === 'none') return null;
      if (!/^\d{2,6}$/.test(t)) throw usageError(`emergencyNumber must be 2-6 digits such as 112, 999 or 911, not "${text}"`);
      return t;
    },
  }),
] as const;

type Spec = (typeof SETTINGS)[number];
export type SettingKey = Spec['key'];
/** Every setting with its type, defaults already applied (resolveSettings). */
export type Settings = { [S in Spec as S['key']]: S['default'] | ReturnType<S['parse']> };

export function settingSpec(key: string): SettingSpec | undefined {
  return (SETTINGS as readonly SettingSpec[]).find((s) => s.key === key);
}

/**
 * Effective settings from a raw config document (conf's nested JSON). Invalid stored values fall
 * back to their defaults and are named in `invalid`, so a hand-edited file never stops the program.
 */
export function resolveSettings(raw: unknown, env: NodeJS.ProcessEnv = {}): { settings: Settings; invalid: string[] } {
  const settings: Record<string, SettingValue> = {};
  const invalid: string[] = [];
  for (const spec of SETTINGS as readonly SettingSpec[]) {
    const stored = spec.key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], raw);
    settings[spec.key] = spec.default;
    if (stored === undefined) continue;
    try {
      settings[spec.key] = stored === null ? (spec.default === null ? null : spec.parse('none')) : spec.parse(String(stored), env);
    } catch {
      invalid.push(spec.key);
    }
  }
  return { settings: settings as Settings, invalid };
}
