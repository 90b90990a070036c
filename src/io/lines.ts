import fs from 'node:fs';

/** Reads are this big: the cost of a read call is spread over thousands of lines. */
const CHUNK = 1 << 20;
/** A line longer than this is damage (a history line is a few hundred bytes), skipped unread. */
export const MAX_LINE = 16 * CHUNK;

export interface LineSink {
  /** One line without its newline; `offset` is its first byte, `line` its 1-based number. */
  line(text: string, offset: number, line: number): void;
  /** A line over MAX_LINE bytes, never decoded (it could not be a record). */
  tooLong?(offset: number, line: number, bytes: number): void;
}

export interface LinesRead {
  /** The byte just after the last newline read: where the next complete line starts. */
  end: number;
  /** The number of the line starting at `end`. */
  nextLine: number;
}

/**
 * Streams the lines of bytes [from, to) of an open file in 1 MiB reads, so memory stays flat
 * whatever the size. Lines are split on newline bytes before decoding (a read never cuts a
 * character in half), and each keeps its exact byte offset. The bytes after the last newline
 * (a record being appended, or one torn by a crash) are handed over too when `tail` is set, but
 * `end` stops before them. `chunk` and `maxLine` are for tests, to put read edges anywhere.
 */
export function readLines(
  fd: number,
  from: number,
  to: number,
  firstLine: number,
  sink: LineSink,
  tail = true,
  chunk = CHUNK,
  maxLine = MAX_LINE,
): LinesRead {
  let buffer = Buffer.allocUnsafe(Math.min(chunk, Math.max(1, to - from)));
  let base = from; // file offset of buffer[0]
  let filled = 0;
  let line = firstLine;
  let skipping = 0; // bytes of an over-long line skipped so far, 0 when not skipping
  let skipStart = 0;
  for (;;) {
    const want = Math.min(buffer.length - filled, to - base - filled);
    const read = want > 0 ? fs.readSync(fd, buffer, filled, want, base + filled) : 0;
    filled += read;
    const atEnd = read === 0 || base + filled >= to;
    let start = 0;
    if (skipping) {
      const nl = buffer.indexOf(10, 0);
      if (nl < 0 || nl >= filled) {
        skipping += filled;
        base += filled;
        filled = 0;
        if (atEnd) {
          if (tail) sink.tooLong?.(skipStart, line, skipping);
          return { end: skipStart, nextLine: line };
        }
        continue;
      }
      sink.tooLong?.(skipStart, line, skipping + nl);
      skipping = 0;
      line++;
      start = nl + 1;
    }
    const last = filled > start ? buffer.lastIndexOf(10, filled - 1) : -1;
    if (last >= start) {
      line += splitLines(buffer, start, last, base, line, sink);
      start = last + 1;
    }
    if (atEnd) {
      if (tail && start < filled) sink.line(buffer.toString('utf8', start, filled), base + start, line);
      return { end: base + start, nextLine: line };
    }
    if (start === 0 && filled === buffer.length) {
      // No newline in a full buffer: a long line. Grow up to MAX_LINE, then skip the rest of it.
      if (buffer.length < maxLine) {
        const bigger = Buffer.allocUnsafe(Math.min(maxLine, buffer.length * 2));
        buffer.copy(bigger, 0, 0, filled);
        buffer = bigger;
        continue;
      }
      skipping = filled;
      skipStart = base;
      base += filled;
      filled = 0;
      continue;
    }
    buffer.copy(buffer, 0, start, filled);
    base += start;
    filled -= start;
  }
}

/** Hands over every line in buffer[start, last), `last` being a newline; returns how many. */
function splitLines(buffer: Buffer, start: number, last: number, base: number, firstLine: number, sink: LineSink): number {
  // One decode per read; when every byte is ASCII, character positions are byte positions.
  const text = buffer.toString('utf8', start, last);
  let line = firstLine;
  if (text.length === last - start) {
    for (let pos = 0; ; ) {
      const nl = text.indexOf('\n', pos);
      sink.line(text.slice(pos, nl < 0 ? text.length : nl), base + start + pos, line++);
      if (nl < 0) break;
      pos = nl + 1;
    }
  } else {
    for (let pos = start; ; ) {
      const nl = buffer.indexOf(10, pos);
      sink.line(buffer.toString('utf8', pos, nl), base + pos, line++);
      if (nl >= last) break;
      pos = nl + 1;
    }
  }
  return line - firstLine;
}

/** The line that starts at `offset` (without its newline), read in small steps. */
export function readLineAt(fd: number, offset: number): string {
  let buffer = Buffer.allocUnsafe(4096);
  let filled = 0;
  for (;;) {
    const read = fs.readSync(fd, buffer, filled, buffer.length - filled, offset + filled);
    const nl = buffer.indexOf(10, filled);
    filled += read;
    if ((nl >= 0 && nl < filled) || read === 0) return buffer.toString('utf8', 0, nl >= 0 && nl < filled ? nl : filled);
    if (filled === buffer.length) {
      if (buffer.length >= MAX_LINE) return buffer.toString('utf8', 0, filled);
      const bigger = Buffer.allocUnsafe(buffer.length * 2);
      buffer.copy(bigger, 0, 0, filled);
      buffer = bigger;
    }
  }
}
