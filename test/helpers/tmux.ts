// A real terminal for e2e tests: each terminal is its own tmux server on a socket in a temp
// directory, so tests never touch the user's tmux and killing the server cleans up everything.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { onTestFinished } from 'vitest';

const run = promisify(execFile);

export interface TerminalOptions {
  /** Variables for the program, on top of this process's environment; `undefined` removes one. */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  cols?: number;
  rows?: number;
}

export interface Terminal {
  /** Literal text is typed as is; tmux key names (`Enter`, `Space`, `C-c`, `Right`, `F1`…) are pressed. */
  send(...keys: string[]): Promise<void>;
  /** Polls the screen until it matches; throws with the last screen in the message. */
  waitFor(pattern: RegExp | string, options?: { timeoutMs?: number }): Promise<string>;
  /** The visible screen, one line per row, trailing blanks trimmed. */
  screen(): Promise<string>;
  /** Waits for the program to end: its exit status, 128 + n when signal n ended it. */
  exitCode(options?: { timeoutMs?: number }): Promise<number>;
  /** Closes the pane, as closing a terminal window does: the program's terminal goes away (SIGHUP, EIO). */
  closePane(): Promise<void>;
  /** Kills the tmux server and removes its socket directory; safe to call twice. */
  kill(): Promise<void>;
}

// Single characters and text go with -l (literal); these go as tmux key names.
const KEY_NAME = /^(?:[CMS]-.+|Enter|Escape|Space|Tab|BTab|BSpace|Up|Down|Left|Right|Home|End|PageUp|PageDown|PPage|NPage|IC|DC|F\d{1,2})$/;

const POLL_MS = 50;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The pane runs the program under a small shell that prints its exit status as the last line and
 * then stays open. tmux 3.3's own `remain-on-exit` + `#{pane_dead_status}` is not used: when a
 * program exits within milliseconds of starting, that tmux sometimes never records the status.
 * The `:` traps let this shell outlive a Ctrl-C aimed at the program (a trap with a command,
 * unlike an ignored signal, is reset to the default in the program itself).
 */
const EXIT_MARK = '__NECKCOACH_TERMINAL_EXIT:';
const WRAPPER = `trap : INT QUIT TSTP; sh -c "$1"; printf '\\n${EXIT_MARK}%s\\n' "$?"; exec sleep 86400`;
const EXIT_LINE = new RegExp(`^${EXIT_MARK}(\\d+)$`, 'm');

// Servers still alive when the worker exits (a test that crashed before its cleanup ran).
const live = new Set<string>();
process.once('exit', () => {
  for (const socket of live) {
    try {
      execFileSync('tmux', ['-S', socket, 'kill-server'], { stdio: 'ignore' });
    } catch {
      // already gone
    }
  }
});

function programEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  // Started from inside tmux, a new client would otherwise talk to that session.
  delete env.TMUX;
  delete env.TMUX_PANE;
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  return env;
}

/**
 * Runs `command` (a shell command line) in a fresh tmux server of `cols`×`rows`. The program's
 * environment is exactly `env` on top of this process's: a tmux server copies the environment of
 * the client that started it, and this server is new. Registered for cleanup when the current test
 * finishes; call `kill()` yourself when starting one outside a test (e.g. in `beforeAll`).
 */
export async function startTerminal(command: string, options: TerminalOptions = {}): Promise<Terminal> {
  const { cols = 100, rows = 30, cwd = process.cwd() } = options;
  const dir = mkdtempSync(path.join(tmpdir(), 'nc-tmux-'));
  const socket = path.join(dir, 'sock');
  const conf = path.join(dir, 'tmux.conf');
  // No status bar stealing a row; keys arrive at once rather than after an Escape timeout.
  writeFileSync(conf, ['set -g status off', 'set -g history-limit 5000', 'set -sg escape-time 0'].join('\n') + '\n');
  const env = programEnv(options.env);
  const tmux = async (...args: string[]) => (await run('tmux', ['-S', socket, ...args], { env })).stdout;

  live.add(socket);
  let killed = false;
  const kill = async () => {
    if (killed) return;
    killed = true;
    live.delete(socket);
    await tmux('kill-server').catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    onTestFinished(kill);
  } catch {
    // Not inside a test (beforeAll): the caller kills it, and the exit hook is the backstop.
  }

  try {
    const size = ['-x', String(cols), '-y', String(rows)];
    // Several arguments: tmux runs them directly, so `command` reaches the wrapper as $1 unquoted.
    await tmux('-f', conf, 'new-session', '-d', '-s', 'nc', ...size, '-c', cwd, 'sh', '-c', WRAPPER, 'neckcoach-terminal', command);
  } catch (error) {
    await kill();
    throw error;
  }

  const capture = async () =>
    (await tmux('capture-pane', '-p', '-t', 'nc'))
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n')
      .trimEnd();
  const screen = async () => (await capture()).replace(EXIT_LINE, '').trimEnd();

  return {
    async send(...keys: string[]) {
      for (const key of keys) {
        if (KEY_NAME.test(key)) await tmux('send-keys', '-t', 'nc', key);
        else await tmux('send-keys', '-t', 'nc', '-l', key);
      }
    },

    async waitFor(pattern, { timeoutMs = 10_000 } = {}) {
      const matches = (text: string) => (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text));
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        const last = await screen();
        if (matches(last)) return last;
        if (performance.now() > deadline) {
          throw new Error(`the terminal did not show ${String(pattern)} within ${timeoutMs} ms; last screen:\n${last}`);
        }
        await sleep(POLL_MS);
      }
    },

    screen,

    async exitCode({ timeoutMs = 10_000 } = {}) {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        const text = await capture();
        const status = EXIT_LINE.exec(text)?.[1];
        if (status !== undefined) return Number(status);
        if (performance.now() > deadline) {
          throw new Error(`the program did not exit within ${timeoutMs} ms; last screen:\n${text}`);
        }
        await sleep(POLL_MS);
      }
    },

    async closePane() {
      await tmux('kill-pane', '-t', 'nc');
    },

    kill,
  };
}
