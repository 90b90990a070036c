import { type ChildProcess, spawn } from 'node:child_process';
import { findOnPath } from './paths.js';

/**
 * Speech tools in order of preference, with how each takes a line of text: on stdin, or after
 * `--`, never where a cue from a routine file that starts with "-" would be read as an option.
 */
const TOOLS: readonly { name: string; args: (text: string) => string[]; stdin?: true }[] = [
  { name: 'espeak-ng', args: () => ['-s', '150', '--stdin'], stdin: true },
  { name: 'spd-say', args: (text) => ['--wait', '--', text] },
  // macOS `say` reads standard input when given no text.
  { name: 'say', args: () => [], stdin: true },
];

/** What speech tools print when there is nothing to play through (ALSA, PulseAudio, PortAudio). */
const NO_AUDIO = /ALSA lib|Unknown PCM|cannot open audio|audio device|Connection refused|pa_context|no such (?:file|device)/i;

export interface Voice {
  /** The tool in use, or null when there is none. */
  tool: string | null;
  /** Speaks a line, cutting off a line still being spoken so the voice keeps pace with the routine. */
  say(text: string): void;
  /** Stops speaking now (interrupt), or lets the last line finish. */
  close(options?: { now?: boolean }): void;
}

/**
 * Optional spoken cues. No tool, or a tool that fails (no audio device), gives one line through
 * `note` and the routine goes on silently: a voice is never required.
 */
export function openVoice(env: NodeJS.ProcessEnv, note: (line: string) => void): Voice {
  const found = TOOLS.map((tool) => ({ ...tool, file: findOnPath(tool.name, env) })).find((tool) => tool.file);
  if (!found) {
    note('no voice tool found (espeak-ng, spd-say or say); continuing with the bell only');
    return { tool: null, say() {}, close() {} };
  }
  let speaking: ChildProcess | undefined;
  let failed = false;
  const fail = (why: string) => {
    if (failed) return;
    failed = true;
    note(`voice: ${found.name} ${why}; continuing without voice`);
  };
  return {
    tool: found.name,
    say(text) {
      if (failed) return;
      speaking?.kill();
      try {
        // stderr is read because espeak-ng exits 0 even when it found no audio device.
        const child = spawn(found.file!, found.args(text), { stdio: [found.stdin ? 'pipe' : 'ignore', 'ignore', 'pipe'], env });
        speaking = child;
        // A tool that exits before reading (cut off by the next cue) closes the pipe: nothing to report.
        child.stdin?.on('error', () => {});
        child.stdin?.end(text);
        let errors = '';
        child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
        child.on('error', (error) => fail(`could not start (${error.message})`));
        child.on('close', (code, signal) => {
          if (speaking === child) speaking = undefined;
          if (code !== 0 && code !== null && !signal) fail(`failed (exit ${code}; is there an audio device?)`);
          else if (NO_AUDIO.test(errors)) fail('found no audio device to play through');
        });
        child.unref();
        (child.stderr as { unref?: () => void } | null)?.unref?.();
      } catch (error) {
        fail(`could not start (${(error as Error).message})`);
      }
    },
    close(options) {
      if (options?.now) speaking?.kill();
    },
  };
}
