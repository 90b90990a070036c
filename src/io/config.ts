import { isDeepStrictEqual } from 'node:util';
import type { Io } from '../context.js';
import { resolveSettings, SETTINGS, type Settings, type SettingValue } from '../core/settings.js';
import { CliError, ExitCode } from '../errors.js';
import { withLock } from './lock.js';
import { warn } from './warn.js';
import type { Paths } from './paths.js';
import { type CorruptFile, ensureDir, fileError, fsReason, readJsonFile } from './store.js';

type Warn = Pick<Io, 'stderr'>;

// Settings with a dot live in an object per group (`remind`, `routine`), as conf nests them.
const GROUPS = [...new Set(SETTINGS.filter((s) => s.key.includes('.')).map((s) => s.key.split('.')[0]!))];
const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
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

const quarantined = (io: Warn) => ({ movedTo, reason }: CorruptFile) =>
  warn(io, `the settings file was damaged (${reason}); moved it to ${movedTo} and using the defaults`);

/**
 * Reads settings without loading conf (which brings ajv): the daemon and most commands only read.
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

/** The changes a settings write may make; each is checked in the file afterwards. */
export interface SettingsWriter {
  set(key: string, value: SettingValue): void;
  delete(key: string): void;
  clear(): void;
}

const valueAt = (raw: unknown, key: string) => key.split('.').reduce<unknown>((node, part) => (isObject(node) ? node[part] : undefined), raw);

/**
 * Changes settings under the settings lock, so parallel writers (`config set`, `remind start`
 * flags) each read the others' changes and none is lost. Inside the lock a damaged or
 * wrong-shaped file is moved aside first (conf would refuse it, or write into nowhere); after the
 * change the file is read back, and a change that is not there is an error, never a success.
 * conf (its atomic write and dot paths) is loaded only here. The folder is made first, 0700: conf
 * would make it 0755.
 */
export async function updateSettings(paths: Paths, io: Warn & Pick<Io, 'clock'>, change: (writer: SettingsWriter) => void): Promise<void> {
  const file = paths.configFile;
  try {
    ensureDir(paths.config);
  } catch (error) {
    throw fileError(error, 'cannot create the settings folder', paths.config);
  }
  const { default: Conf } = await import('conf');
  try {
    withLock(file, () => {
      readJsonFile(file, quarantined(io), io.clock.now(), settingsShape);
      const store = new Conf<Record<string, unknown>>({ projectName: 'neckcoach', cwd: paths.config, configName: 'config', projectSuffix: '', configFileMode: 0o600 });
      const expected = new Map<string, SettingValue | undefined>();
      change({
        set(key, value) {
          store.set(key, value);
          expected.set(key, value);
        },
        delete(key) {
          store.delete(key);
          expected.set(key, undefined);
        },
        clear() {
          store.clear();
          for (const spec of SETTINGS) expected.set(spec.key, undefined);
        },
      });
      const saved = readJsonFile(file, quarantined(io), io.clock.now(), settingsShape);
      for (const [key, value] of expected) {
        if (!isDeepStrictEqual(valueAt(saved, key), value)) throw new CliError(`${key} was not saved to ${file}`, ExitCode.Runtime);
      }
    });
  } catch (error) {
    throw fileError(error, 'cannot save the settings to', file);
  }
}
