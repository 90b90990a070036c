// Natural breaks (design §7): time away from the keyboard counts as a break. Pure: the daemon reads
// an idle source and passes the reading in; this decides what it means and when to read again.

/** One reading of an idle source; null fields are what the source cannot tell. */
export interface IdleReading {
  /** Milliseconds since the last keyboard or mouse input. */
  idleMs: number | null;
  /** Whether the screen is locked (logind's LockedHint, used only where no source gives idle time). */
  locked: boolean | null;
}

/** What the daemon remembers between readings. */
export interface AwayWatch {
  /** When the current time away began (the last input); null while the person is here. */
  since: number | null;
  /** When the screen was first seen locked, while it stays locked (a lock has no idle clock of its own). */
  lockedSeen: number | null;
  /** When to read again; null means at the next wake. */
  nextRead: number | null;
}

export const HERE: AwayWatch = { since: null, lockedSeen: null, nextRead: null };

export interface AwayStep {
  watch: AwayWatch;
  /** `left`: away for `awayAfter` just now, a natural break. `back`: the person returned. */
  event: 'left' | 'back' | null;
  /** For `left` and `back`: how long they have been away, in ms. */
  away: number;
  /** The reminder cycle restarts here: now, while away; the return, on coming back. */
  cycleStart: number | null;
}

export interface AwayTimes {
  awayAfter: number;
  heartbeat: number;
}

/** Whether the idle source is due a reading at `now`. */
export const readDue = (watch: AwayWatch, now: number): boolean => watch.nextRead === null || now >= watch.nextRead;

/**
 * What a reading means. Reads are scheduled for the moment idleness would reach `awayAfter` (the
 * last input plus `awayAfter`), so every stretch of that length is seen when it reaches it, and a
 * person at the keyboard costs one reading per `awayAfter` rather than one per heartbeat. While
 * away it reads once per `awayAfter` too (or per heartbeat, if that is longer), to see them come
 * back: each reading is a helper process, ~6 ms of CPU here, so reading at every heartbeat while
 * away would pass the idle budget (design §5); a return is seen at most `awayAfter` late. Where
 * the source cannot tell when input stopped (a lock flag), it reads at the heartbeat.
 */
export function observeAway(watch: AwayWatch, reading: IdleReading | null, now: number, times: AwayTimes): AwayStep {
  const later = now + times.heartbeat;
  if (reading === null) return { watch: { ...watch, nextRead: later }, event: null, away: 0, cycleStart: null };

  const lockedSeen = reading.locked ? (watch.lockedSeen ?? now) : null;
  const starts = [reading.idleMs === null ? null : now - Math.max(0, reading.idleMs), lockedSeen].filter((t): t is number => t !== null);
  const start = starts.length > 0 ? Math.min(...starts) : null;

  if (start !== null && now - start >= times.awayAfter) {
    // Input after the stretch began means they came back between two readings and left again: a
    // new stretch. (Any input after a stretch is at least awayAfter later; half absorbs the jitter
    // of computing the start from our clock and the source's.)
    const left = watch.since === null || start - watch.since >= times.awayAfter / 2;
    const since = left ? start : watch.since!;
    const nextRead = now + Math.max(times.awayAfter, times.heartbeat);
    return { watch: { since, lockedSeen, nextRead }, event: left ? 'left' : null, away: now - since, cycleStart: now };
  }
  const next: AwayWatch = { since: null, lockedSeen, nextRead: start === null ? later : start + times.awayAfter };
  if (watch.since === null) return { watch: next, event: null, away: 0, cycleStart: null };
  // Back: the latest input is the best sign of when they returned.
  const back = Math.max(watch.since, start ?? now);
  return { watch: next, event: 'back', away: back - watch.since, cycleStart: back };
}
