import type { Io } from '../context.js';
import { resolveSettings, SETTINGS, type Settings } from '../core/settings.js';
import { warn } from './warn.js';
import type { Paths } from './paths.js';
import { type CorruptFile, fileError, fsReason, readJsonFile } from './store.js';

type Warn = Pick<Io, 'stderr'>;

// Settings with a dot live in an object per group (`remind`, `routine`), as conf nests them.
const GROUPS = [...new Set(SETTINGS.filter((s) => s.key.includes('.')).map((s) => s.key.split('.')[0]!))];
export const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const kind = (x: unknown) => (Array.isArray(x) ? 'a list' : x === null ? 'null' : typeof x === 'object' ? 'an object' : `a ${typeof x}`);

/**
 * Why a parsed settings file is not one neckcoach can use, or undefined: it must be an object, and
 * each group an object. A value of the wrong kind inside is only that setting's problem (it falls
 * back to its default); a wrong shape would make writes silently go nowhere, so it is quarantined.
 */
export function settingsShape(value: unknown): string | undefined {
  if (!isObject(value)) return `it holds ${kind(value)}, not an object of settings`;
  for (const group of GROUPS) {
    if (value[group] !== undefined && !isObject(value[group])) return `"${group}" holds ${kind(value[group])}, not an object of settings`;
  }
  return undefined;
}

/** The one warning for a settings file moved aside. */
export const quarantined =
  (io: Warn) =>
  ({ movedTo, reason }: CorruptFile) =>
    warn(io, `the settings file was damaged (${reason}); moved it to ${movedTo} and using the defaults`);

/**
 * Reads settings without loading conf (which brings ajv): the daemon and most commands only read;
 * writes are in settings-store.ts, so the daemon's bundle never reaches conf.
 * A damaged or wrong-shaped file is moved aside and the person told; defaults apply. A file that
 * cannot be read at all (a folder in its place, a NECKCOACH_HOME that is a file) is named in a
 * warning and the defaults used, so it never stops a command that only needs a setting; with
 * `required` (the config command, whose subject it is) it is an error naming the path.
 */
export function readSettings(paths: Paths, io: Warn & Pick<Io, 'env' | 'clock'>, { required = false } = {}): Settings {
  let raw: unknown;
  try {
    raw = readJsonFile(paths.configFile, quarantined(io), io.clock.now(), settingsShape);
  } catch (error) {
    if (required) throw fileError(error, 'cannot read the settings file', paths.configFile);
    warn(io, `cannot read the settings file ${paths.configFile}: ${fsReason(error, paths.configFile)}; using the defaults`);
  }
  const { settings, invalid } = resolveSettings(raw, io.env);
  for (const key of invalid) warn(io, `ignoring the invalid setting ${key} in ${paths.configFile}; using its default`);
  return settings;
}
