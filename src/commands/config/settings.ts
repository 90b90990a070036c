import { SETTINGS, type SettingSpec, type SettingValue, settingSpec } from '../../core/settings.js';
import { didYouMean } from '../../core/suggest.js';
import { CliError, usageError } from '../../errors.js';
import type { Paths } from '../../io/paths.js';
import { signalDaemon } from '../../io/process.js';
import { note, type OutputContext } from '../../render/output.js';

/** What the config subcommands share: the setting a key names, parsing, and telling the daemon. */
export function specOf(key: string): SettingSpec {
  const spec = settingSpec(key);
  if (!spec)
    throw usageError(
      `unknown setting "${key}"`,
      didYouMean(
        key,
        SETTINGS.map((s) => s.key),
      ),
    );
  return spec;
}

/** Parses a value for `spec`; the error always says what is accepted. */
export function parseValue(spec: SettingSpec, text: string, env: NodeJS.ProcessEnv): SettingValue {
  try {
    return spec.parse(text, env);
  } catch (error) {
    if (error instanceof CliError) {
      const message = error.message.startsWith(spec.key) ? error.message : `${spec.key}: ${error.message}`;
      throw usageError(message, `${spec.key} accepts ${spec.accepts}`);
    }
    throw error;
  }
}

/** After a change, a running reminder daemon re-reads its settings (SIGHUP). */
export function tellDaemon(ctx: OutputContext, paths: Paths): void {
  if (signalDaemon(paths)) note(ctx, 'The running reminder scheduler will use the new settings.');
}
