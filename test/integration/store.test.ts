// The file edge (src/io/store.ts) against a real temp directory. CI runs as root, where chmod 000
// stops nothing, so unreadable paths are a directory where a file is expected, or a path under a
// regular file (design §8).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isoLocal } from '../../src/core/time.js';
import { CliError } from '../../src/errors.js';
import { readLines } from '../../src/io/lines.js';
import { withLock } from '../../src/io/lock.js';
import { appendJsonl, fileError, readJsonFile, writeFileAtomic, writeJsonAtomic, writeUserFile } from '../../src/io/store.js';
import { tempHome } from '../helpers/cli.js';

let home: string;
let cleanup: () => void;
beforeEach(() => ({ home, cleanup } = tempHome()));
afterEach(() => cleanup());

const mode = (p: string) => fs.statSync(p).mode & 0o777;

/** Reads a JSONL file back the way the history readers do: each line parsed or reported by number. */
function readJsonl(file: string) {
  const records: { line: number; value: unknown }[] = [];
  const bad: { line: number; text: string }[] = [];
  if (!fs.existsSync(file)) return { records, bad };
  const fd = fs.openSync(file, 'r');
  try {
    readLines(fd, 0, fs.fstatSync(fd).size, 1, {
      line(text, _offset, line) {
        if (text.trim() === '') return;
        try {
          records.push({ line, value: JSON.parse(text) });
        } catch {
          bad.push({ line, text });
        }
      },
    });
  } finally {
    fs.closeSync(fd);
  }
  return { records, bad };
}
const NOW = Date.UTC(2026, 10, 25, 9, 30, 15);

describe('writeFileAtomic / writeJsonAtomic', () => {
  it('creates missing directories 0700 and the file 0600, leaving no temp file behind', () => {
    const file = path.join(home, 'a', 'b', 'state.json');
    writeJsonAtomic(file, { paused: true });
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ paused: true });
    expect(mode(file)).toBe(0o600);
    expect(mode(path.join(home, 'a'))).toBe(0o700);
    expect(mode(path.join(home, 'a', 'b'))).toBe(0o700);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['state.json']);
  });

  it('replaces a file whole and makes it private even if it was not', () => {
    const file = path.join(home, 'config.json');
    fs.writeFileSync(file, 'old content that is longer than the new', { mode: 0o644 });
    writeFileAtomic(file, 'new');
    expect(fs.readFileSync(file, 'utf8')).toBe('new');
    expect(mode(file)).toBe(0o600);
    expect(fs.readdirSync(home)).toEqual(['config.json']);
  });

  it('fails without leaving a temp file when the target is a directory', () => {
    const target = path.join(home, 'state.json');
    fs.mkdirSync(target);
    expect(() => writeFileAtomic(target, '{}')).toThrow(`cannot save ${target}: ${target} is a folder, not a file`);
    expect(fs.readdirSync(home)).toEqual(['state.json']);
  });

  it('fails with the path when a parent is a regular file', () => {
    fs.writeFileSync(path.join(home, 'blocker'), '');
    expect(() => writeFileAtomic(path.join(home, 'blocker', 'state.json'), '{}')).toThrow(
      `cannot save ${path.join(home, 'blocker', 'state.json')}: ${path.join(home, 'blocker')} is a file, not a folder`,
    );
    expect(fs.readdirSync(home)).toEqual(['blocker']);
  });
});

describe('writeUserFile', () => {
  const attempt = (file: string) => {
    try {
      writeUserFile(file, '# report\n', 'the report');
    } catch (error) {
      return error as CliError;
    }
    throw new Error('expected a failure');
  };

  it('writes 0600 into an existing folder, replacing what was there', () => {
    const file = path.join(home, 'report.md');
    fs.writeFileSync(file, 'old', { mode: 0o644 });
    writeUserFile(file, '# report\n', 'the report');
    expect(fs.readFileSync(file, 'utf8')).toBe('# report\n');
    expect(mode(file)).toBe(0o600);
    expect(fs.readdirSync(home)).toEqual(['report.md']);
  });

  it('does not create a missing folder: exit 1 naming the folder', () => {
    const error = attempt(path.join(home, 'typo', 'report.md'));
    expect(error).toBeInstanceOf(CliError);
    expect(error.exitCode).toBe(1);
    expect(error.message).toBe(
      `cannot write the report to ${path.join(home, 'typo', 'report.md')}: the folder ${path.join(home, 'typo')} does not exist`,
    );
    expect(fs.readdirSync(home)).toEqual([]);
  });

  it('a folder where the file should be, in words, leaving no temp file', () => {
    fs.mkdirSync(path.join(home, 'report.md'));
    const error = attempt(path.join(home, 'report.md'));
    expect(error.message).toBe(
      `cannot write the report to ${path.join(home, 'report.md')}: ${path.join(home, 'report.md')} is a folder, not a file`,
    );
    expect(fs.readdirSync(home)).toEqual(['report.md']);
  });

  it('a file where a folder should be names that file', () => {
    fs.writeFileSync(path.join(home, 'blocker'), '');
    expect(attempt(path.join(home, 'blocker', 'report.md')).message).toMatch(
      new RegExp(`: ${path.join(home, 'blocker')} is a file, not a folder$`),
    );
    expect(attempt(path.join(home, 'blocker', 'deeper', 'report.md')).message).toMatch(
      new RegExp(`: ${path.join(home, 'blocker')} is a file, not a folder$`),
    );
  });
});

describe('fileError', () => {
  it('names the file that stands where a folder should be (a NECKCOACH_HOME that is a file)', () => {
    const homeFile = path.join(home, 'home');
    fs.writeFileSync(homeFile, '');
    const file = path.join(homeFile, 'data', 'history.jsonl');
    let raw: unknown;
    try {
      fs.openSync(file, 'r');
    } catch (error) {
      raw = error;
    }
    expect(fileError(raw, 'cannot read the history file', file).message).toBe(
      `cannot read the history file ${file}: ${homeFile} is a file, not a folder`,
    );
  });

  it('keeps a CliError as it is', () => {
    const error = new CliError('already clear');
    expect(fileError(error, 'cannot read', 'x')).toBe(error);
  });
});

describe('readJsonFile', () => {
  const file = () => path.join(home, 'config.json');

  it('is undefined for a missing file, without calling back', () => {
    const onCorrupt = vi.fn();
    expect(readJsonFile(file(), onCorrupt, NOW)).toBeUndefined();
    expect(onCorrupt).not.toHaveBeenCalled();
  });

  it('parses a good file and leaves it where it is', () => {
    fs.writeFileSync(file(), '{"remind":{"every":"30m"}}');
    expect(readJsonFile(file(), vi.fn(), NOW)).toEqual({ remind: { every: '30m' } });
    expect(fs.readdirSync(home)).toEqual(['config.json']);
  });

  it('moves a corrupt file aside to <name>.corrupt-<time>, content intact, and says so once', () => {
    const damaged = '{"remind": {"every": "30m"'; // cut off mid-write
    fs.writeFileSync(file(), damaged);
    const onCorrupt = vi.fn();

    expect(readJsonFile(file(), onCorrupt, NOW)).toBeUndefined();

    const movedTo = `${file()}.corrupt-${isoLocal(NOW).replace(/:/g, '')}`;
    expect(onCorrupt).toHaveBeenCalledTimes(1);
    expect(onCorrupt).toHaveBeenCalledWith({ file: file(), movedTo, reason: expect.stringMatching(/JSON/) });
    expect(fs.existsSync(file())).toBe(false);
    expect(fs.readFileSync(movedTo, 'utf8')).toBe(damaged);
    expect(path.basename(movedTo)).not.toContain(':');
  });

  it('an empty file counts as corrupt too (a crash between create and write)', () => {
    fs.writeFileSync(file(), '');
    const onCorrupt = vi.fn();
    expect(readJsonFile(file(), onCorrupt, NOW)).toBeUndefined();
    expect(onCorrupt).toHaveBeenCalledTimes(1);
  });

  it('throws, moving nothing, when the path is a directory', () => {
    fs.mkdirSync(file());
    const onCorrupt = vi.fn();
    expect(() => readJsonFile(file(), onCorrupt, NOW)).toThrow(/EISDIR/);
    expect(onCorrupt).not.toHaveBeenCalled();
    expect(fs.readdirSync(home)).toEqual(['config.json']);
  });

  it('throws when a parent is a regular file', () => {
    fs.writeFileSync(path.join(home, 'blocker'), '{}');
    expect(() => readJsonFile(path.join(home, 'blocker', 'config.json'), vi.fn(), NOW)).toThrow(/ENOTDIR/);
  });

  it('moves aside what `shape` rejects, saying why', () => {
    fs.writeFileSync(file(), '[1,2,3]');
    const onCorrupt = vi.fn();
    expect(readJsonFile(file(), onCorrupt, NOW, (v) => (Array.isArray(v) ? 'a list' : undefined))).toBeUndefined();
    expect(onCorrupt).toHaveBeenCalledWith(expect.objectContaining({ reason: 'a list' }));
    expect(fs.existsSync(file())).toBe(false);
  });

  it('never puts a second damaged file over an earlier one moved aside in the same second', () => {
    const moved: string[] = [];
    for (const damaged of ['{', '[', 'x']) {
      fs.writeFileSync(file(), damaged);
      readJsonFile(file(), ({ movedTo }) => moved.push(movedTo), NOW);
    }
    const base = `${file()}.corrupt-${isoLocal(NOW).replace(/:/g, '')}`;
    expect(moved).toEqual([base, `${base}-2`, `${base}-3`]);
    expect(moved.map((m) => fs.readFileSync(m, 'utf8'))).toEqual(['{', '[', 'x']);
  });

  it('moves nothing when a writer replaced the damaged file with a good one before the move', () => {
    fs.writeFileSync(file(), '{');
    const onCorrupt = vi.fn();
    // The good file arrives between the read and the quarantine, which re-reads under the lock.
    const read = fs.readFileSync;
    let calls = 0;
    vi.spyOn(fs, 'readFileSync').mockImplementation(((p: fs.PathOrFileDescriptor, o?: unknown) => {
      if (p === file() && ++calls === 1) {
        const text = read(p, 'utf8');
        fs.writeFileSync(file(), '{"color":"never"}');
        return text;
      }
      return read(p, o as BufferEncoding);
    }) as typeof fs.readFileSync);
    expect(readJsonFile(file(), onCorrupt, NOW)).toEqual({ color: 'never' });
    expect(onCorrupt).not.toHaveBeenCalled();
    vi.restoreAllMocks();
  });
});

describe('appendJsonl: all or nothing', () => {
  const file = () => path.join(home, 'data', 'history.jsonl');
  afterEach(() => vi.restoreAllMocks());
  const before = () => {
    appendJsonl(file(), { n: 1 });
    return fs.readFileSync(file());
  };

  it.each([
    ['a short write (the disk filled up mid-record)', 'short'],
    ['a full disk', 'ENOSPC'],
    ['an I/O error', 'EIO'],
  ])('%s leaves the file as it was and throws', (_, how) => {
    const kept = before();
    const real = fs.writeSync;
    vi.spyOn(fs, 'writeSync').mockImplementation(((fd: number, data: Buffer) => {
      // Only the record: the lock file's own write goes through.
      if (data.length < 20 || !String(data).includes('"n":2')) return real(fd, data);
      if (how === 'short') return real(fd, data, 0, 5);
      throw Object.assign(new Error(how), { code: how });
    }) as typeof fs.writeSync);
    let error: unknown;
    try {
      appendJsonl(file(), { n: 2, note: 'x'.repeat(40) });
    } catch (e) {
      error = e;
    }
    expect((error as NodeJS.ErrnoException).code).toBe(how === 'short' ? 'ESHORT' : how);
    expect(fs.readFileSync(file()).equals(kept)).toBe(true);
    expect(fs.existsSync(`${file()}.lock`)).toBe(false);
    expect(fileError(error, 'cannot save to the history file', file()).message).toMatch(
      how === 'EIO'
        ? /input\/output error$/
        : how === 'ENOSPC'
          ? /the disk is full$/
          : /only part of it could be written \(is the disk full\?\)$/,
    );
  });

  it('a failed fsync (where some file systems report a full disk) cuts the record back off', () => {
    const kept = before();
    vi.spyOn(fs, 'fsyncSync').mockImplementation(() => {
      throw Object.assign(new Error('EIO'), { code: 'EIO' });
    });
    expect(() => appendJsonl(file(), { n: 2 })).toThrow('EIO');
    expect(fs.readFileSync(file()).equals(kept)).toBe(true);
  });

  it('waits for another writer holding the lock, and breaks a lock left by a dead process', () => {
    before();
    fs.writeFileSync(`${file()}.lock`, '4000000 1 0'); // pid above Linux's pid_max: never alive
    appendJsonl(file(), { n: 2 });
    expect(readJsonl(file()).records.map((r) => r.value)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(fs.existsSync(`${file()}.lock`)).toBe(false);
  });
});

describe('withLock', () => {
  const file = () => path.join(home, 'state.json');

  it('breaks a lock older than its stale time, even with a live holder (a stopped process)', () => {
    fs.writeFileSync(`${file()}.lock`, `${process.ppid} 1 0`);
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(`${file()}.lock`, old, old);
    expect(withLock(file(), () => 'ran')).toBe('ran');
  });

  it('gives up on a live, fresh lock after its timeout, naming the holder', () => {
    fs.writeFileSync(`${file()}.lock`, `${process.ppid} 1 0`);
    expect(() => withLock(file(), () => 'ran', { timeoutMs: 50 })).toThrow(
      `${file()}.lock is held by another neckcoach process (pid ${process.ppid})`,
    );
    expect(fs.readFileSync(`${file()}.lock`, 'utf8')).toBe(`${process.ppid} 1 0`);
  });

  it('runs a nested lock on the same file inside the outer one, and releases it once', () => {
    expect(withLock(file(), () => withLock(file(), () => fs.existsSync(`${file()}.lock`)))).toBe(true);
    expect(fs.existsSync(`${file()}.lock`)).toBe(false);
  });

  it('on a full disk holds the lock empty, and removes it after', () => {
    vi.spyOn(fs, 'writeSync').mockImplementation(() => {
      throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
    });
    expect(withLock(file(), () => fs.readFileSync(`${file()}.lock`, 'utf8'))).toBe('');
    vi.restoreAllMocks();
    expect(fs.existsSync(`${file()}.lock`)).toBe(false);
  });

  it('removes a lock whose content failed to write for another reason, so it never blocks anyone', () => {
    vi.spyOn(fs, 'writeSync').mockImplementation(() => {
      throw Object.assign(new Error('EIO'), { code: 'EIO' });
    });
    expect(() => withLock(file(), () => 'ran')).toThrow('EIO');
    vi.restoreAllMocks();
    expect(fs.existsSync(`${file()}.lock`)).toBe(false);
  });
});

describe('appendJsonl / reading back', () => {
  const file = () => path.join(home, 'data', 'history.jsonl');

  it('appends one line per record to a 0600 file in a 0700 directory', () => {
    appendJsonl(file(), { v: 1, type: 'pain', pain: 3 });
    appendJsonl(file(), { v: 1, type: 'pain', pain: 4 });
    expect(fs.readFileSync(file(), 'utf8')).toBe('{"v":1,"type":"pain","pain":3}\n{"v":1,"type":"pain","pain":4}\n');
    expect(mode(file())).toBe(0o600);
    expect(mode(path.dirname(file()))).toBe(0o700);
    expect(readJsonl(file())).toEqual({
      records: [
        { line: 1, value: { v: 1, type: 'pain', pain: 3 } },
        { line: 2, value: { v: 1, type: 'pain', pain: 4 } },
      ],
      bad: [],
    });
  });

  it('reports a torn line in the middle by its number and keeps every other record', () => {
    appendJsonl(file(), { n: 1 });
    fs.appendFileSync(file(), '{"n": 2, "no\n'); // a write cut short, then life went on
    appendJsonl(file(), { n: 3 });
    fs.appendFileSync(file(), '\n'); // a blank line is not an error, but still counts as a line
    appendJsonl(file(), { n: 5 });

    const { records, bad } = readJsonl(file());
    expect(records).toEqual([
      { line: 1, value: { n: 1 } },
      { line: 3, value: { n: 3 } },
      { line: 5, value: { n: 5 } },
    ]);
    expect(bad).toEqual([{ line: 2, text: '{"n": 2, "no' }]);
    // Never rewritten: the torn line is still there for `history --check`.
    expect(fs.readFileSync(file(), 'utf8')).toContain('{"n": 2, "no\n');
  });

  it('a final line without its newline (torn at the end) is reported, not fatal', () => {
    appendJsonl(file(), { n: 1 });
    fs.appendFileSync(file(), '{"n": 2');
    expect(readJsonl(file()).bad.map((b) => b.line)).toEqual([2]);
    expect(readJsonl(file()).records).toHaveLength(1);
  });

  it('a record appended after a torn last line starts a line of its own (not glued to the damage)', () => {
    appendJsonl(file(), { n: 1 });
    fs.appendFileSync(file(), '{"n": 2, "to'); // the write was cut short: no newline
    appendJsonl(file(), { n: 3 });
    appendJsonl(file(), { n: 4 });
    expect(fs.readFileSync(file(), 'utf8')).toBe('{"n":1}\n{"n": 2, "to\n{"n":3}\n{"n":4}\n');
    const { records, bad } = readJsonl(file());
    expect(records.map((r) => r.value)).toEqual([{ n: 1 }, { n: 3 }, { n: 4 }]);
    expect(bad.map((b) => b.line)).toEqual([2]);
  });

  it('a missing file reads as empty', () => {
    expect(readJsonl(file())).toEqual({ records: [], bad: [] });
  });

  it('throws when the file is a directory, or its parent a regular file', () => {
    fs.mkdirSync(file(), { recursive: true });
    expect(() => appendJsonl(file(), { n: 1 })).toThrow(/EISDIR/);
    const blocker = path.join(home, 'blocker');
    fs.writeFileSync(blocker, '');
    expect(() => appendJsonl(path.join(blocker, 'history.jsonl'), { n: 1 })).toThrow(/ENOTDIR|EEXIST/);
  });
});
