// Run by scripts/build.mjs: the catalogue is checked against its schema and cross-references at
// build time, so the shipped program reads it typed without loading a schema library.
import { readFileSync } from 'node:fs';
import { CATALOGUE_FILES } from '../src/content/schema.js';
import { type CatalogueFiles, validateCatalogueFiles } from '../src/content/validate.js';

// Bundled to dist/ before it runs, so ../data/ is the repository's data folder.
const dir = new URL('../data/', import.meta.url);
const files = Object.fromEntries(
  Object.keys(CATALOGUE_FILES).map((name) => [name, JSON.parse(readFileSync(new URL(name, dir), 'utf8'))]),
) as CatalogueFiles;
try {
  validateCatalogueFiles(files);
} catch (error) {
  console.error(`data/ does not validate:\n${(error as Error).message}`);
  process.exit(1);
}
