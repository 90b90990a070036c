import type { InStream, Io } from '../context.js';
import { printableAll } from '../core/printable.js';
import type { SessionState } from '../core/session.js';
import type { Timeline } from '../core/timeline.js';
import { openVoice } from '../io/speech.js';
import { BELL, openKeys, openScreen } from '../io/terminal.js';
import { warn } from '../io/warn.js';
import { jsonEvent, plainLine, view, type ViewOptions } from '../render/routine.js';
import type { KeySource, Presenter } from './routine.js';

export interface RoutineOutputOptions {
  /** A screen at a terminal, plain lines otherwise, NDJSON events with --json. */
  mode: 'tty' | 'plain' | 'json';
  io: Pick<Io, 'stdout' | 'stderr' | 'stdin' | 'clock' | 'env'>;
  /** As the routine's file has it: NDJSON carries the data unchanged. */
  timeline: Timeline;
  /** Everything the screen shows besides the session and its size. */
  chrome: Omit<ViewOptions, 'width' | 'height'>;
  /** The bell at each step. */
  sound: boolean;
  /** Spoken cues. */
  voice: boolean;
}

export interface RoutineOutput {
  present: Presenter;
  /** Keys, when there is a terminal to read them from: a screen's, or stdin's under --json. */
  keys?: KeySource;
  /** The input the keys come from, for the runner to watch for a terminal that has gone. */
  stdin?: InStream;
}

const WELL_DONE = 'Well done. That is the routine finished.';

/**
 * How a routine run shows itself: takes over the terminal (alternate screen, raw keys) or writes
 * plain lines or NDJSON, rings the bell and speaks the cues. Text from a person's own routine file
 * reaches the terminal through `printable`, so it cannot drive it; NDJSON keeps it as it is.
 * Remarks made while the screen is up (a voice that fails) would vanish with the alternate screen,
 * so they wait until it is gone.
 */
export function routineOutput(options: RoutineOutputOptions): RoutineOutput {
  const { mode, io, timeline, chrome, sound } = options;
  const shown = mode === 'json' ? timeline : printableAll(timeline);
  const display = (state: SessionState): SessionState => ({ ...state, timeline: shown });
  const held: string[] = [];
  let holding = false;
  const remark = (line: string) => (holding ? held.push(line) : warn(io, line));
  const voice = options.voice ? openVoice(io.env, remark) : undefined;

  const screen = mode === 'tty' ? openScreen(io) : undefined;
  holding = screen !== undefined;
  // With --json at a terminal the keys still work; stdout carries only the NDJSON events.
  const keys = screen ?? (mode === 'json' && io.stdin.isTTY ? openKeys(io.stdin) : undefined);
  const bellTo = mode === 'tty' ? io.stdout : io.stderr.isTTY ? io.stderr : undefined;
  let summary: string | null = null;

  const present: Presenter = {
    events(events, state) {
      const seen = display(state);
      for (const event of events) {
        if (event.type === 'routine-end') summary = plainLine(event, seen);
        if (event.type === 'step-start') {
          if (sound && bellTo) bellTo.write(BELL);
          voice?.say(timeline.segments[event.index]!.say);
        }
        if (event.type === 'routine-end' && event.reason === 'done') voice?.say(WELL_DONE);
        if (mode === 'json') io.stdout.write(`${JSON.stringify(jsonEvent(event, timeline))}\n`);
        else if (mode === 'plain') {
          const line = plainLine(event, seen);
          if (line) io.stdout.write(`${line}\n`);
        }
      }
      if (screen) {
        const { columns, rows } = screen.size();
        screen.draw(view(seen, io.clock.now(), { ...chrome, width: columns, height: rows }));
      }
    },
    ...(screen ? { screen } : {}),
    release(state, outputLost) {
      if (screen) screen.close(outputLost);
      else keys?.close();
      voice?.close({ now: state.reason !== 'done' });
      holding = false;
      if (outputLost) return;
      // The alternate screen is gone with the routine: leave one line on the normal screen.
      if (mode === 'tty' && summary) io.stdout.write(`${summary}\n`);
      for (const line of held.splice(0)) warn(io, line);
    },
  };
  return { present, ...(keys ? { keys, stdin: io.stdin } : {}) };
}
