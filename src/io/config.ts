import type { Io } from '../context.js';
import { resolveSettings, type Settings } from '../core/settings.js';
import { warn } from './warn.js';
import type { Paths } from './paths.js';
import { ensureDir, fileError, readJsonFile } from './store.js';

/**
 * Reads settings without loading conf (which brings ajv): the daemon and most commands only read.
 * A corrupt file is moved aside and the person told; defaults apply. A file that cannot be read
 * at all (a folder in its place, a NECKCOACH_HOME that is a file) is a CliError naming the path.
 */
export function readSettings(paths: Paths, io: Pick<Io, 'stderr' | 'env' | 'clock'>): Settings {
  let raw: unknown;
  try {
    raw = readJsonFile(
      paths.configFile,
      ({ movedTo, reason }) => warn(io, `the settings file was damaged (${reason}); moved it to ${movedTo} and using defaults`),
      io.clock.now(),
    );
  } catch (error) {
    throw fileError(error, 'cannot read the settings file', paths.configFile);
  }
  const { settings, invalid } = resolveSettings(raw, io.env);
  for (const key of invalid) warn(io, `ignoring the invalid setting ${key} in ${paths.configFile}; using its default`);
  return settings;
}

/**
 * conf, for writes: its atomic writes and dot-path keys; loaded only by commands that change
 * settings. The folder is made here first, 0700: conf would make it (and NECKCOACH_HOME) 0755.
 */
export async function openConfigStore(paths: Paths) {
  try {
    ensureDir(paths.config);
  } catch (error) {
    throw fileError(error, 'cannot create the settings folder', paths.config);
  }
  const { default: Conf } = await import('conf');
  return new Conf<Record<string, unknown>>({ projectName: 'neckcoach', cwd: paths.config, configName: 'config', projectSuffix: '', configFileMode: 0o600 });
}
