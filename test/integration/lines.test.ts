// The streaming line reader (src/io/lines.ts) against a naive split, with reads cut anywhere.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLineAt, readLines } from '../../src/io/lines.js';
import { tempHome } from '../helpers/cli.js';

let home: string;
let cleanup: () => void;
beforeAll(() => ({ home, cleanup } = tempHome()));
afterAll(() => cleanup());

interface Seen {
  lines: { text: string; offset: number; line: number }[];
  long: { offset: number; line: number; bytes: number }[];
  end: number;
  nextLine: number;
}

function read(content: Buffer, options: { from?: number; tail?: boolean; chunk?: number; maxLine?: number } = {}): Seen {
  const file = path.join(home, 'lines.txt');
  fs.writeFileSync(file, content);
  const fd = fs.openSync(file, 'r');
  try {
    const seen: Seen = { lines: [], long: [], end: 0, nextLine: 0 };
    const from = options.from ?? 0;
    const result = readLines(
      fd,
      from,
      content.length,
      1,
      {
        line: (text, offset, line) => seen.lines.push({ text, offset, line }),
        tooLong: (offset, line, bytes) => seen.long.push({ offset, line, bytes }),
      },
      options.tail ?? true,
      options.chunk,
      options.maxLine,
    );
    return { ...seen, ...result };
  } finally {
    fs.closeSync(fd);
  }
}

/** What a reader should hand over: every line with its byte offset; the unterminated rest only with `tail`. */
function naive(content: Buffer, tail: boolean) {
  const out: { text: string; offset: number; line: number }[] = [];
  let start = 0;
  let line = 1;
  for (let i = 0; i < content.length; i++) {
    if (content[i] === 10) {
      out.push({ text: content.toString('utf8', start, i), offset: start, line: line++ });
      start = i + 1;
    }
  }
  const end = start;
  if (tail && start < content.length) out.push({ text: content.toString('utf8', start), offset: start, line });
  return { lines: out, end, nextLine: line };
}

// Lines of ASCII, multi-byte characters (2, 3 and 4 bytes) and empty lines, with or without a last newline.
const text = fc.array(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('é', '€', '😀', '{"a":1}', '')), { maxLength: 30 });

describe('readLines', () => {
  it('hands over the same lines and byte offsets as a naive split, wherever the reads are cut', () => {
    fc.assert(
      fc.property(text, fc.boolean(), fc.boolean(), fc.integer({ min: 1, max: 40 }), (lines, finalNewline, tail, chunk) => {
        const content = Buffer.from(lines.join('\n') + (finalNewline && lines.length ? '\n' : ''));
        const seen = read(content, { tail, chunk });
        const expected = naive(content, tail);
        expect(seen.lines).toEqual(expected.lines);
        expect(seen.long).toEqual([]);
        expect(seen.end).toBe(expected.end);
        expect(seen.nextLine).toBe(expected.nextLine);
      }),
      { numRuns: 300 },
    );
  });

  it('skips a line longer than the limit without decoding it, and goes on after it', () => {
    const long = 'x'.repeat(100);
    const seen = read(Buffer.from(`a\n${long}\nb\n`), { chunk: 8, maxLine: 32 });
    expect(seen.lines.map((l) => l.text)).toEqual(['a', 'b']);
    expect(seen.long).toEqual([{ offset: 2, line: 2, bytes: 100 }]);
    expect(seen.lines[1]).toEqual({ text: 'b', offset: 103, line: 3 });
  });

  it('an over-long unterminated end is reported only with tail, and `end` stays before it', () => {
    const content = Buffer.from(`a\n${'y'.repeat(100)}`);
    expect(read(content, { chunk: 8, maxLine: 32, tail: false })).toMatchObject({ long: [], end: 2, nextLine: 2 });
    expect(read(content, { chunk: 8, maxLine: 32, tail: true }).long).toEqual([{ offset: 2, line: 2, bytes: 100 }]);
  });

  it('starts at any line start with the line number given', () => {
    const content = Buffer.from('one\ntwo\nthree\n');
    const seen = read(content, { from: 4 });
    expect(seen.lines.map((l) => [l.text, l.offset])).toEqual([
      ['two', 4],
      ['three', 8],
    ]);
  });

  it('readLineAt reads back the line at an offset, however long', () => {
    const long = 'z'.repeat(10_000);
    const file = path.join(home, 'at.txt');
    fs.writeFileSync(file, `first\n${long}\nlast`);
    const fd = fs.openSync(file, 'r');
    try {
      expect(readLineAt(fd, 0)).toBe('first');
      expect(readLineAt(fd, 6)).toBe(long);
      expect(readLineAt(fd, 6 + long.length + 1)).toBe('last');
    } finally {
      fs.closeSync(fd);
    }
  });
});
