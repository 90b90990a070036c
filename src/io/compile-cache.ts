/**
 * Loads the built CLI (the CommonJS files in dist/) through V8's code cache, so a start reuses the
 * bytecode of the last run instead of parsing and compiling the bundle again. Node 22's
 * module.enableCompileCache caches a file as it was first compiled, without the functions compiled
 * while it ran (most of a command's code), and measured slower here than this: each file is
 * compiled through vm.Script with `cachedData`, and the cache is written as the run ends.
 * The cache is a speed-up only: an entry that is missing, stale or unwritable means compiling from
 * source, never an error.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { crc32 } from 'node:zlib';
import envPaths from 'env-paths';

type Exports = Record<string, unknown>;
type Require = (id: string) => unknown;
type Wrapper = (exports: Exports, require: Require, module: { exports: Exports }, filename: string, dirname: string) => void;

declare const NECKCOACH_VERSION: string;
const version = typeof NECKCOACH_VERSION === 'string' ? NECKCOACH_VERSION : '0.0.0-dev';

/** The cache's folder: the system's cache folder, or `cache` under NECKCOACH_HOME like every other file. */
export function codeCacheDir(env: NodeJS.ProcessEnv): string {
  return env.NECKCOACH_HOME ? path.join(env.NECKCOACH_HOME, 'cache') : envPaths('neckcoach', { suffix: '' }).cache;
}

/**
 * Files loaded through V8's code cache. Each entry belongs to a variant, the command's name: it
 * holds the functions that command compiled, so one command's entry never leaves another's code
 * to compile at every run.
 */
export class CodeCache {
  private readonly loaded = new Map<string, { exports: Exports }>();
  private readonly unsaved: (() => void)[] = [];

  constructor(
    private readonly dir: string,
    private readonly variant?: string,
  ) {}

  /** `require(file)`; inside it, `./lib/…` requires (the bundle's on-demand libraries) come here too. */
  require(file: string): Exports {
    const known = this.loaded.get(file);
    if (known) return known.exports;
    const fd = fs.openSync(file, 'r');
    let source: string;
    let stat: fs.Stats;
    try {
      stat = fs.fstatSync(fd);
      source = fs.readFileSync(fd, 'utf8');
    } finally {
      fs.closeSync(fd);
    }
    // V8 checks only its version, its flags and the source's length (same length, other code: it
    // runs the old code), so the key names the release and the file's size and time.
    const key = `${version} ${process.version} ${process.arch} ${stat.size} ${stat.mtimeMs}`;
    const entry = path.join(this.dir, entryName(file, this.variant));
    const cachedData = readEntry(entry, key);
    const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
      filename: file,
      cachedData,
    });
    if (!cachedData || script.cachedDataRejected) this.unsaved.push(() => this.write(entry, key, script.createCachedData()));
    const record = { exports: {} as Exports };
    this.loaded.set(file, record);
    const dirname = path.dirname(file);
    const fallback = createRequire(file);
    const require: Require = (id) => (id.startsWith('./lib/') ? this.require(path.join(dirname, id)) : fallback(id));
    (script.runInThisContext() as Wrapper)(record.exports, require, record, file, dirname);
    return record.exports;
  }

  /**
   * Writes the entries that were missing or stale. Call it as the run ends: an entry then holds
   * every function the run compiled as it went, not just the files' top levels.
   */
  save(): void {
    for (const write of this.unsaved.splice(0)) write();
  }

  private write(entry: string, key: string, data: Buffer): void {
    const temp = `${entry}.${process.pid}.tmp`;
    try {
      fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      fs.writeFileSync(temp, Buffer.concat([Buffer.from(`${key} ${crc32(data)}\n`, 'latin1'), data]), { mode: 0o600 });
      fs.renameSync(temp, entry);
    } catch {
      try {
        fs.rmSync(temp, { force: true });
      } catch {
        // nothing more to do: the next run compiles from source again
      }
    }
  }
}

/** An entry's name says whose it is: the file, the variant, and a hash of the file's path. */
function entryName(file: string, variant: string | undefined): string {
  let hash = 0x811c9dc5; // FNV-1a, so two installs sharing a cache never share entries
  for (let i = 0; i < file.length; i++) hash = Math.imul(hash ^ file.charCodeAt(i), 0x01000193);
  return `${path.basename(file, '.cjs')}${variant ? `-${variant}` : ''}-${(hash >>> 0).toString(16)}.v8cache`;
}

/**
 * The entry's bytecode when it was written for this key and is whole, else undefined. The
 * checksum matters: V8 does not check one, and damaged bytecode aborts the process.
 */
function readEntry(entry: string, key: string): Buffer | undefined {
  let data: Buffer;
  try {
    data = fs.readFileSync(entry);
  } catch {
    return undefined;
  }
  const end = data.indexOf(10); // the header line: key and checksum
  const [written, sum] = [data.subarray(0, end).toString('latin1'), data.subarray(end + 1)];
  return end > 0 && written === `${key} ${crc32(sum)}` ? sum : undefined;
}
