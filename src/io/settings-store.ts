import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Io } from '../context.js';
import { SETTINGS, type SettingValue } from '../core/settings.js';
import { CliError, ExitCode } from '../errors.js';
import { isObject, quarantined, settingsShape } from './config.js';
import { withLock } from './lock.js';
import type { Paths } from './paths.js';
import { ensureDir, fileError, readJsonFile } from './store.js';

/** The changes a settings write may make; each is checked in the file afterwards. */
export interface SettingsWriter {
  set(key: string, value: SettingValue): void;
  delete(key: string): void;
  clear(): void;
}

const valueAt = (raw: unknown, key: string) =>
  key.split('.').reduce<unknown>((node, part) => (isObject(node) ? node[part] : undefined), raw);

/**
 * Changes settings under the settings lock, so parallel writers (`config set`, `remind start`
 * flags) each read the others' changes and none is lost. Inside the lock a damaged or
 * wrong-shaped file is moved aside first (conf would refuse it, or write into nowhere); after the
 * change the file is read back, and a change that is not there is an error, never a success.
 * conf (its atomic write and dot paths) is loaded only here. The folder is made first, 0700: conf
 * would make it 0755.
 */
export async function updateSettings(
  paths: Paths,
  io: Pick<Io, 'stderr' | 'clock'>,
  change: (writer: SettingsWriter) => void,
): Promise<void> {
  const file = paths.configFile;
  try {
    ensureDir(paths.config);
  } catch (error) {
    throw fileError(error, 'cannot create the settings folder', paths.config);
  }
  const { default: Conf } = await import('conf');
  try {
    withLock(file, () => {
      try {
        write();
      } catch (error) {
        // conf's atomic write can leave its empty temp file behind when the disk is full; under the
        // lock no other writer is mid-write, so any temp file of ours is debris.
        removeTempFiles(paths.config, path.basename(file));
        throw error;
      }
    });
  } catch (error) {
    throw fileError(error, 'cannot save the settings to', file);
  }

  function write(): void {
    readJsonFile(file, quarantined(io), io.clock.now(), settingsShape);
    const store = new Conf<Record<string, unknown>>({
      projectName: 'neckcoach',
      cwd: paths.config,
      configName: 'config',
      projectSuffix: '',
      configFileMode: 0o600,
    });
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
  }
}

function removeTempFiles(dir: string, name: string): void {
  try {
    for (const entry of fs.readdirSync(dir)) if (entry.startsWith(`${name}.tmp-`)) fs.rmSync(path.join(dir, entry), { force: true });
  } catch {
    // a folder that cannot be listed has no debris we could remove
  }
}
