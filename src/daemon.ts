// The resident reminder scheduler: its own lean bundle entry (no commander, conf or chalk), so it
// idles near an empty Node process. It is the headless mode of the schedule core: log lines, no
// renderer. Notifications go through a short-lived child (dist/notify-child.cjs).
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { OutStream } from './context.js';
import { type Decision, HEARTBEAT, type RemindState, reminderSettings, schedule, type Wake } from './core/schedule.js';
import { isoLocal } from './core/time.js';
import { readSettings } from './io/config.js';
import { appendHistory } from './io/history.js';
import { createNotifier, ringBell } from './io/notify.js';
import { type Paths, resolvePaths } from './io/paths.js';
import { acquireLock, DAEMON_TITLE, releaseLock } from './io/process.js';
import { readRemindState, stateMtime, writeRemindState } from './io/remind-state.js';

export interface DaemonOptions {
  env: NodeJS.ProcessEnv;
  /** Where log lines go: the terminal in the foreground, the log file when detached. */
  out: NodeJS.WritableStream;
}

const mtime = (file: string) => {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
};

const sameState = (a: RemindState, b: RemindState) => JSON.stringify(a) === JSON.stringify(b);

/** Runs the loop until SIGTERM/SIGINT; resolves with the exit code. */
export function runDaemon({ env, out }: DaemonOptions): Promise<number> {
  const paths: Paths = resolvePaths(env);
  const log = (line: string) => out.write(`${isoLocal(Date.now())} ${line}\n`);
  // Warnings (a damaged settings or state file) go to the log too.
  const io = { stderr: out as OutStream, env, clock: { now: Date.now } };

  const lock = acquireLock(paths);
  if (!lock.ok) {
    log(`another reminder scheduler is already running (pid ${lock.holder}); not starting a second one`);
    return Promise.resolve(0);
  }
  process.title = DAEMON_TITLE;

  let settings = reminderSettings(readSettings(paths, io));
  let configTime = mtime(paths.configFile);
  let state = readRemindState(paths, io);
  let stateTime = stateMtime(paths);
  let wake: Wake = { lastCheck: null, expected: null, quietUntil: null };
  let timer: NodeJS.Timeout | undefined;
  let busy = false;
  let again = false;
  let lastReason = '';
  const notifier = createNotifier(env, { expireMs: HEARTBEAT });

  /** Re-reads config and state when their mtime changed (or when forced by SIGHUP). */
  const refresh = (force: boolean) => {
    const c = mtime(paths.configFile);
    if (force || c !== configTime) {
      configTime = c;
      const before = JSON.stringify(settings);
      settings = reminderSettings(readSettings(paths, io));
      if (JSON.stringify(settings) !== before) log(`settings changed: every ${settings.every / 1000}s, routine ${settings.routine}`);
    }
    const s = stateMtime(paths);
    if (force || s !== stateTime) {
      stateTime = s;
      state = readRemindState(paths, io);
    }
  };

  const save = (next: RemindState) => {
    state = next;
    writeRemindState(paths, next);
    stateTime = stateMtime(paths);
  };

  const deliver = async (decision: Decision, now: number) => {
    const due = decision.due ?? now;
    const fired = `fired ${now - due} ms after due`;
    const delivery = await notifier.remind(settings.routine, { actions: false });
    refresh(false);
    if (delivery.ok) {
      log(`reminder sent (due ${isoLocal(due)}, ${fired}): neckcoach routine ${settings.routine}`);
      appendHistory(paths, 'reminder', now, { event: 'sent', due: isoLocal(due), routine: settings.routine });
      if (state.lastError) save({ ...state, lastError: null });
      return;
    }
    const bell = ringBell();
    log(`reminder failed (due ${isoLocal(due)}, ${fired}): ${delivery.error}${bell ? '; rang the terminal bell instead' : ''}`);
    appendHistory(paths, 'reminder', now, { event: 'failed', due: isoLocal(due), routine: settings.routine, error: delivery.error });
    save({ ...state, lastError: { at: now, message: delivery.error } });
  };

  const arm = (at: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => void tick(false), Math.max(0, at - Date.now()));
  };

  const tick = async (force: boolean): Promise<void> => {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      refresh(force);
      const now = Date.now();
      const decision = schedule(settings, state, now, wake);
      if (decision.reason !== lastReason && decision.reason !== 'interval' && decision.reason !== 'due') {
        log(`${decision.reason}; next reminder ${decision.nextDue === null ? 'not scheduled' : isoLocal(decision.nextDue)}`);
      }
      lastReason = decision.reason;
      if (!sameState(decision.state, state)) save(decision.state);
      wake = { lastCheck: now, expected: decision.wakeAt, quietUntil: decision.quietUntil };
      arm(decision.wakeAt);
      if (decision.action === 'remind') await deliver(decision, now);
    } catch (error) {
      // A failed wake must not end the scheduler: log it and try again on the heartbeat.
      log(`error: ${(error as Error).message}`);
      arm(Date.now() + 60_000);
    } finally {
      busy = false;
      if (again) {
        again = false;
        void tick(true);
      }
    }
  };

  return new Promise((resolve) => {
    const stop = (signal: string) => {
      clearTimeout(timer);
      process.off('SIGHUP', onHup);
      releaseLock(paths);
      log(`stopped (${signal})`);
      // Ctrl-C in the foreground is an interruption (130); SIGTERM is the ordinary way to stop.
      resolve(signal === 'SIGINT' ? 130 : 0);
    };
    const onHup = () => {
      clearTimeout(timer);
      void tick(true);
    };
    process.on('SIGHUP', onHup);
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
    log(`started (pid ${process.pid}): every ${settings.every / 1000}s, routine ${settings.routine}`);
    void tick(true);
  });
}

// Run when started as a script (dist/daemon.cjs); `remind run` imports runDaemon instead.
const started = process.argv[1] ? fs.realpathSync(process.argv[1]) : '';
if (started === fileURLToPath(import.meta.url)) {
  void runDaemon({ env: process.env, out: process.stdout }).then((code) => {
    process.exitCode = code;
  });
}
