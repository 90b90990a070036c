// The resident reminder scheduler: its own lean bundle entry (no commander, conf or chalk), so it
// idles near an empty Node process. It builds the real clock, timers, files and sender, and starts
// the loop (src/run/reminders.ts). On Linux notifications go through notify-send, which it spawns;
// on macOS and Windows through a short-lived child (dist/notify-child.cjs).
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { OutStream } from './context.js';
import { MINUTE } from './core/clock.js';
import { heartbeatFrom } from './core/schedule.js';
import { isoLocal, systemZone } from './core/time.js';
import { runHook } from './io/hooks.js';
import { createIdleReader, idleSources } from './io/idle.js';
import { createNotifier, ringBell } from './io/notify.js';
import { openRoutine } from './io/open-terminal.js';
import { resolvePaths } from './io/paths.js';
import { acquireLock, DAEMON_TITLE, daemonRecord, releaseLock } from './io/process.js';
import { quietReason } from './io/quiet.js';
import { reminderStore } from './io/reminder-store.js';
import { type ReminderLoop, startReminders } from './run/reminders.js';

export interface DaemonOptions {
  env: NodeJS.ProcessEnv;
  /** Where log lines go: the terminal in the foreground, the log file when detached. */
  out: NodeJS.WritableStream;
}

/** Runs the loop until SIGTERM/SIGINT, or until its lock or home is gone; resolves with the exit code. */
export function runDaemon({ env, out }: DaemonOptions): Promise<number> {
  const paths = resolvePaths(env);
  const clock = { now: Date.now };
  const zone = systemZone();
  // A log that cannot be written (a full disk) must not stop reminders.
  out.on('error', () => {});
  const log = (line: string) => {
    try {
      out.write(`${isoLocal(clock.now(), { zone })} ${line}\n`);
    } catch {
      // nowhere to say it
    }
  };
  // Warnings (a damaged settings or state file) go to the log too.
  const io = { stderr: { write: (text: string) => (log(text.trimEnd()), true) } as unknown as OutStream, env, clock };

  const record = daemonRecord(process.pid, clock.now());
  const lock = acquireLock(paths, record);
  if (!lock.ok) {
    log(`another reminder scheduler is already running (pid ${lock.holder}); not starting a second one`);
    return Promise.resolve(0);
  }
  process.title = DAEMON_TITLE;
  const heartbeat = heartbeatFrom(env);
  log(`started (pid ${process.pid}), home ${paths.home ?? paths.state}`);
  // A reminder with buttons stays on screen until the next heartbeat.
  const sender = createNotifier(env, { expireMs: heartbeat });
  const idle = createIdleReader(idleSources(env));
  let idleSource: string | null | undefined;
  let loop: ReminderLoop;
  try {
    loop = startReminders({
      clock,
      timers: { setTimeout: (wake, ms) => setTimeout(wake, ms), clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout) },
      store: reminderStore(paths, io, record, { zone, heartbeat }),
      sender,
      log,
      bell: ringBell,
      hook: (argv, document) => runHook(argv, document, { env, log }),
      recheck: Math.min(MINUTE, heartbeat),
      idle: async () => {
        const reading = await idle.read();
        const source = idle.source()?.detail ?? null;
        if (source !== idleSource)
          log(source ? `idle time from ${source}` : 'no idle source answers: time away counts only when the computer sleeps');
        idleSource = source;
        return reading;
      },
      beforeSend: (settings) => quietReason({ serverPaused: sender.serverPaused, env, quietCommand: settings.quiet }),
      startRoutine: (routine, settings) => openRoutine(routine, settings.terminal, env),
    });
  } catch (error) {
    // Its first read of the settings or state failed (a folder where the file should be): say why and
    // exit 1, so a service manager tries again later.
    log(`cannot start: ${error instanceof Error ? error.message : String(error)}`);
    releaseLock(paths);
    return Promise.resolve(1);
  }

  return new Promise((resolve) => {
    const finish = (code: number, why: string) => {
      process.off('SIGHUP', onHup);
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
      loop.stop();
      releaseLock(paths);
      log(`stopped (${why})`);
      resolve(code);
    };
    const onHup = () => loop.wake();
    // Ctrl-C in the foreground is an interruption (130); SIGTERM is the ordinary way to stop.
    const onTerm = () => finish(0, 'SIGTERM');
    const onInt = () => finish(130, 'SIGINT');
    process.on('SIGHUP', onHup);
    process.once('SIGTERM', onTerm);
    process.once('SIGINT', onInt);
    void loop.ended.then((reason) => finish(0, reason));
  });
}

// Run when started as a script (dist/daemon.cjs); `remind run` imports runDaemon instead.
const started = process.argv[1] ? fs.realpathSync(process.argv[1]) : '';
if (started === fileURLToPath(import.meta.url)) {
  void runDaemon({ env: process.env, out: process.stdout }).then((code) => {
    process.exitCode = code;
  });
}
