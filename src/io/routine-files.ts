import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './store.js';

/** One file in the routines folder: its text, or why it could not be read. */
export type RoutineFile = { file: string; text: string } | { file: string; error: string };

/**
 * The `.json` files in the person's routines folder, in name order. A missing folder is no files;
 * a folder that cannot be read is reported as `folderError`, never thrown, so built-ins still run.
 */
export function readRoutineFiles(dir: string): { files: RoutineFile[]; folderError?: string } {
  let names: string[];
  try {
    names = fs
      .readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { files: [] };
    return { files: [], folderError: `${dir}: cannot read the routines folder (${code ?? (error as Error).message})` };
  }
  return {
    files: names.map((name) => {
      const file = path.join(dir, name);
      try {
        return { file, text: fs.readFileSync(file, 'utf8') };
      } catch (error) {
        return { file, error: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
      }
    }),
  };
}

/**
 * Writes a new routine file (`routine new`), atomically and 0600, never over one that is there:
 * its path, and whether it was written.
 */
export function writeNewRoutineFile(dir: string, id: string, text: string): { file: string; written: boolean } {
  const file = path.join(dir, `${id}.json`);
  if (fs.existsSync(file)) return { file, written: false };
  writeFileAtomic(file, text);
  return { file, written: true };
}
