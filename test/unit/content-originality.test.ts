import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Every sentence the product says is written in our own words: no run of RUN_LENGTH consecutive
 * words from the seed article or the clinical reference may appear in any data string.
 * The source texts live beside the repository (`../shared`, or NECKCOACH_SHARED_DIR).
 */
const RUN_LENGTH = 8;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const shared = process.env.NECKCOACH_SHARED_DIR ?? resolve(root, '../shared');
const originals = [join(shared, 'seed/000_1e45ebe971a9ae8f.txt'), join(shared, 'clinical-reference.md')];
const available = originals.every((file) => existsSync(file));

/** Lower case, apostrophes dropped, every other non-alphanumeric character a word break. */
const words = (text: string): string[] =>
  text
    .toLowerCase()
    .replace(/['\u2019]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

function runs(text: string): string[] {
  const w = words(text);
  const out: string[] = [];
  for (let i = 0; i + RUN_LENGTH <= w.length; i++) out.push(w.slice(i, i + RUN_LENGTH).join(' '));
  return out;
}

function strings(node: unknown, path: string): [string, string][] {
  if (typeof node === 'string') return [[path, node]];
  if (Array.isArray(node)) return node.flatMap((x, i) => strings(x, `${path}[${i}]`));
  if (node !== null && typeof node === 'object') return Object.entries(node).flatMap(([k, x]) => strings(x, `${path}.${k}`));
  return [];
}

describe('content originality', () => {
  it.runIf(!available && process.env.CI)('finds the source texts to compare against', () => {
    expect.fail(`missing ${originals.join(' or ')}; set NECKCOACH_SHARED_DIR`);
  });

  it('the helper catches a copied run despite case and punctuation', () => {
    const source = new Set(runs('Use caution with self-massage and stop if you feel any sharp pain.'));
    expect(runs('USE caution, with self-massage -- and stop if you feel it').some((r) => source.has(r))).toBe(true);
    expect(runs('Take care with self-massage; stop the moment anything feels sharp.').some((r) => source.has(r))).toBe(false);
  });

  it.skipIf(!available)(`no data string repeats ${RUN_LENGTH} consecutive words of the article or clinical reference`, () => {
    const forbidden = new Set(originals.flatMap((file) => runs(readFileSync(file, 'utf8'))));
    const dataDir = join(root, 'data');
    const copied: string[] = [];
    for (const file of readdirSync(dataDir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      for (const [path, text] of strings(JSON.parse(readFileSync(join(dataDir, file), 'utf8')), file)) {
        const run = runs(text).find((r) => forbidden.has(r));
        if (run) copied.push(`${path}: "${run}"`);
      }
    }
    expect(copied).toEqual([]);
  });
});
