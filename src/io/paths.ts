import fs from 'node:fs';
import path from 'node:path';
import envPaths from 'env-paths';

/** Where neckcoach keeps its files (design §4, §7). */
export interface Paths {
  /** NECKCOACH_HOME made absolute, or null for the XDG folders. */
  home: string | null;
  config: string;
  data: string;
  state: string;
  configFile: string;
  routinesDir: string;
  historyFile: string;
  /** The side index of the history (a cache, rebuilt when missing or stale). */
  historyIndexFile: string;
  pidFile: string;
  lockFile: string;
  stateFile: string;
  logFile: string;
}

/**
 * XDG directories (no `-nodejs` suffix); `NECKCOACH_HOME` puts everything under one directory. A
 * relative NECKCOACH_HOME is made absolute here, against the folder the command runs in, so a
 * daemon or a service started from elsewhere (`homeEnv`) uses the same files.
 */
export function resolvePaths(env: NodeJS.ProcessEnv = process.env): Paths {
  const home = env.NECKCOACH_HOME ? path.resolve(env.NECKCOACH_HOME) : null;
  const system = home ? undefined : envPaths('neckcoach', { suffix: '' });
  const config = home ? path.join(home, 'config') : system!.config;
  const data = home ? path.join(home, 'data') : system!.data;
  // env-paths' "log" directory is $XDG_STATE_HOME/neckcoach on Linux: the right home for pid, lock and state.
  const state = home ? path.join(home, 'state') : system!.log;
  return {
    home,
    config,
    data,
    state,
    configFile: path.join(config, 'config.json'),
    routinesDir: path.join(config, 'routines'),
    historyFile: path.join(data, 'history.jsonl'),
    historyIndexFile: path.join(data, 'history.index.json'),
    pidFile: path.join(state, 'remind.pid'),
    lockFile: path.join(state, 'remind.lock'),
    stateFile: path.join(state, 'remind-state.json'),
    logFile: path.join(state, 'remind.log'),
  };
}

/** The environment for a process started elsewhere (the daemon, a service) with the absolute NECKCOACH_HOME. */
export function homeEnv(paths: Paths, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return paths.home === null ? env : { ...env, NECKCOACH_HOME: paths.home };
}

/** The executable `tool` as the shell would find it on PATH, or null. */
export function findOnPath(tool: string, env: NodeJS.ProcessEnv): string | null {
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const file = path.join(dir, tool);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {
      // not in this folder
    }
  }
  return null;
}

/**
 * `relative` inside the package that holds `from` (the running bundle or a source file): walks up
 * to the nearest folder with a package.json. Null when the file is not there.
 */
export function packageFile(relative: string, from: string): string | null {
  for (let dir = path.dirname(from); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) {
      const file = path.join(dir, relative);
      return fs.existsSync(file) ? file : null;
    }
    if (path.dirname(dir) === dir) return null;
  }
}
