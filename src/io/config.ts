import type { Io } from '../context.js';
import { resolveSettings, type Settings } from '../core/settings.js';
import type { Paths } from './paths.js';
import { readJsonFile } from './store.js';

/**
 * Reads settings without loading conf (which brings ajv): the daemon and most commands only read.
 * A corrupt file is moved aside and the person told; defaults apply.
 */
export function readSettings(paths: Paths, io: Pick<Io, 'stderr' | 'env' | 'clock'>): Settings {
  const raw = readJsonFile(
    paths.configFile,
    ({ movedTo, reason }) =>
      io.stderr.write(`neckcoach: warning: the settings file was damaged (${reason}); moved it to ${movedTo} and using defaults\n`),
    io.clock.now(),
  );
  const { settings, invalid } = resolveSettings(raw, io.env);
  for (const key of invalid) {
    io.stderr.write(`neckcoach: warning: ignoring the invalid setting ${key} in ${paths.configFile}; using its default\n`);
  }
  return settings;
}

/** conf, for writes: its atomic writes and dot-path keys; loaded only by commands that change settings. */
export async function openConfigStore(paths: Paths) {
  const { default: Conf } = await import('conf');
  return new Conf<Record<string, unknown>>({ projectName: 'neckcoach', cwd: paths.config, configName: 'config', projectSuffix: '', configFileMode: 0o600 });
}
