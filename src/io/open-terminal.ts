// A reminder's Start opens the person's terminal running the routine (design §7, terminal template):
// `remind.terminal`, else $TERMINAL, else the usual ones for the platform. Launched detached, in
// its own session, so stopping reminders never ends a routine someone is doing.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CMD, expandCommand, parseCommandLine, parseTerminalTemplate } from '../core/argv.js';
import { builtFile, childProcess } from './process.js';
import type { Check } from './notify.js';
import { findOnPath } from './paths.js';

/** Linux terminals in the order tried, each with how it takes a command to run. */
const KNOWN: readonly (readonly [string, readonly string[]])[] = [
  ['x-terminal-emulator', ['-e', CMD]],
  ['gnome-terminal', ['--', CMD]],
  ['konsole', ['-e', CMD]],
  ['kitty', [CMD]],
  ['alacritty', ['-e', CMD]],
  ['wezterm', ['start', '--', CMD]],
  ['foot', [CMD]],
  ['xterm', ['-e', CMD]],
];

// macOS: Terminal runs a command line through the person's shell, so each word is quoted for it;
// the line reaches AppleScript as an argument, never pasted into the script.
const MAC_TERMINAL = [
  '/usr/bin/osascript',
  '-e',
  'on run argv',
  '-e',
  'tell application "Terminal"',
  '-e',
  'activate',
  '-e',
  'do script (item 1 of argv)',
  '-e',
  'end tell',
  '-e',
  'end run',
];
const shellQuote = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);

export interface TerminalChoice {
  /** The template: argv with `{cmd}` where the routine's command goes. */
  template: readonly string[];
  /** Where it came from, for `remind doctor`. */
  from: 'remind.terminal' | '$TERMINAL' | 'found' | 'platform';
}

/** The terminal Start opens, or null when none is configured or found. */
export function chooseTerminal(
  setting: string | null,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): TerminalChoice | null {
  if (setting) return { template: parseTerminalTemplate(setting), from: 'remind.terminal' };
  if (platform === 'darwin') return { template: [...MAC_TERMINAL, CMD], from: 'platform' };
  if (platform === 'win32') {
    const wt = findOnPath('wt.exe', env);
    // Without Windows Terminal, a detached node gets a console window of its own.
    return { template: wt ? [wt, CMD] : [CMD], from: 'platform' };
  }
  if (env.TERMINAL?.trim()) {
    const words = parseCommandLine(env.TERMINAL, '$TERMINAL');
    const known = KNOWN.find(([name]) => name === path.basename(words[0]!));
    // The common convention for $TERMINAL (i3-sensible-terminal, most terminals) is `-e`.
    return { template: words.includes(CMD) ? words : [...words, ...(known?.[1] ?? ['-e', CMD])], from: '$TERMINAL' };
  }
  for (const [name, args] of KNOWN) {
    const file = findOnPath(name, env);
    if (file) return { template: [file, ...args], from: 'found' };
  }
  return null;
}

/** The argv that runs `cmd` in the chosen terminal. */
export function terminalArgv(choice: TerminalChoice, cmd: readonly string[], platform: NodeJS.Platform = process.platform): string[] {
  const isMacTerminal = platform === 'darwin' && choice.from === 'platform';
  return expandCommand(choice.template, isMacTerminal ? [cmd.map(shellQuote).join(' ')] : cmd);
}

/** `remind doctor`'s line: the template as a person would type it. */
export const describeTerminal = (choice: TerminalChoice) =>
  `${choice.template.map((w) => (/\s/.test(w) ? JSON.stringify(w) : w)).join(' ')} (${choice.from})`;

/**
 * Starts argv detached in a session of its own (setsid on POSIX; its own console on Windows),
 * outliving the daemon. Resolves once it has started, or with the reason it could not.
 */
export function launchDetached(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ ok: true; pid: number } | { ok: false; error: string }> {
  const [file, ...args] = argv;
  return new Promise((resolve) => {
    const proc = childProcess().spawn(file!, args, { detached: true, stdio: 'ignore', env });
    proc.once('spawn', () => {
      proc.unref();
      resolve({ ok: true, pid: proc.pid! });
    });
    proc.once('error', (error: NodeJS.ErrnoException) =>
      resolve({ ok: false, error: error.code === 'ENOENT' ? `${file} was not found` : `${file} could not start: ${error.message}` }),
    );
  });
}

/** `remind doctor`: which terminal a reminder's Start opens. */
export function terminalCheck(setting: string | null, env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): Check {
  const choice = chooseTerminal(setting, env, platform);
  return choice
    ? { id: 'terminal', ok: true, detail: `Start opens ${describeTerminal(choice)}`, fix: null }
    : {
        id: 'terminal',
        ok: false,
        detail:
          'no terminal found for a reminder’s Start (none of $TERMINAL, x-terminal-emulator, gnome-terminal, konsole, kitty, alacritty, wezterm, foot, xterm)',
        fix: "name yours: neckcoach config set remind.terminal 'xterm -e {cmd}'",
      };
}

/**
 * A reminder's Start: the routine in the chosen terminal, as separate words (node, the bundle,
 * `routine <id> --hold`), NECKCOACH_HOME passed on with the rest of the environment.
 */
export async function openRoutine(
  routine: string,
  setting: string | null,
  env: NodeJS.ProcessEnv,
): Promise<{ ok: true } | { ok: false; error: string }> {
  let choice: TerminalChoice | null;
  try {
    choice = chooseTerminal(setting, env);
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  if (!choice) return { ok: false, error: 'no terminal found; set one with `neckcoach config set remind.terminal`' };
  const bundle = builtFile('main.cjs', fileURLToPath(import.meta.url));
  if (!bundle) return { ok: false, error: 'dist/main.cjs is missing: run `npm run build`' };
  const launched = await launchDetached(terminalArgv(choice, [process.execPath, bundle, 'routine', routine, '--hold']), env);
  return launched.ok ? { ok: true } : launched;
}
