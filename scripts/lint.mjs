// Architecture lint (`npm run lint`, after tsc): the house rules of design §1 that a type checker
// cannot see. Prints `file:line  rule` for each break and exits 1 if there is any.
//
//   1. src/core is pure: no fs, processes, network, terminal or CLI libraries, nothing from
//      src/io, src/render or src/commands, and no ambient time or process (`Date.now(`,
//      `new Date()` without arguments, `process.`): the clock and env are passed in.
//   2. Only the entry points end the process: `process.exit(` outside them skips cleanup and the
//      single error boundary (set process.exitCode, or throw CliError, instead).
//   3. No `console.log` in src: output goes through the injected io streams, so `--json` keeps
//      stdout clean and tests can capture it.
//
// Comments are ignored, and string contents are ignored for the call rules, so prose that names
// a forbidden call is not a break.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

const CORE_FORBIDDEN_MODULES = [
  /^(node:)?fs(\/promises)?$/,
  /^(node:)?child_process$/,
  /^(node:)?net$/,
  /^chalk$/,
  /^ora$/,
  /^commander$/,
  /^@inquirer\//,
  /^conf$/,
  /^node-notifier$/,
];
const CORE_FORBIDDEN_DIRS = ['src/io', 'src/render', 'src/commands'];
const CORE_FORBIDDEN_CALLS = [
  [/\bDate\.now\s*\(/, 'Date.now() in src/core: take the time from the Clock passed in'],
  [/\bnew\s+Date\s*\(\s*\)/, 'new Date() in src/core: build dates from an epoch ms the caller passes'],
  [/(?<![\w$.])process\s*\./, 'process in src/core: pass env, argv or streams in as values'],
];
const ENTRY_POINTS = new Set(['src/main.ts', 'src/daemon.ts']);

/**
 * Blanks comments (and, for `bare`, string and template text) with spaces, keeping newlines, so
 * regex matches still map to the right line. Template `${…}` bodies stay code in both.
 */
export function blank(source) {
  let code = '';
  let bare = '';
  const templates = []; // brace depth at each open `${`, innermost last
  let depth = 0;
  let i = 0;
  const keep = (text) => {
    code += text;
    bare += text;
  };
  const hide = (text, inCode) => {
    const spaces = text.replace(/[^\n]/g, ' ');
    code += inCode ? text : spaces;
    bare += spaces;
  };
  const quoted = (quote, start) => {
    let j = start + 1;
    while (j < source.length && source[j] !== quote && source[j] !== '\n') j += source[j] === '\\' ? 2 : 1;
    return j + 1;
  };
  // Reads template text from i up to the closing backtick or the next `${`.
  const templateText = () => {
    let j = i;
    while (j < source.length && source[j] !== '`' && !(source[j] === '$' && source[j + 1] === '{')) j += source[j] === '\\' ? 2 : 1;
    hide(source.slice(i, j), true);
    i = j;
    if (source[i] === '`') {
      keep('`');
      i++;
    } else if (i < source.length) {
      keep('${');
      i += 2;
      templates.push(depth);
    }
  };
  while (i < source.length) {
    const c = source[i];
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      const stop = end === -1 ? source.length : end;
      hide(source.slice(i, stop), false);
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? source.length : end + 2;
      hide(source.slice(i, stop), false);
      i = stop;
    } else if (c === '"' || c === "'") {
      const stop = quoted(c, i);
      keep(c);
      hide(source.slice(i + 1, stop - 1), true);
      keep(source.slice(stop - 1, stop));
      i = stop;
    } else if (c === '`') {
      keep('`');
      i++;
      templateText();
    } else if (c === '}' && templates.length && templates.at(-1) === depth) {
      templates.pop();
      keep('}');
      i++;
      templateText();
    } else {
      if (c === '{') depth++;
      if (c === '}') depth--;
      keep(c);
      i++;
    }
  }
  return { code, bare };
}

const lineOf = (text, index) => text.slice(0, index).split('\n').length;

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (/\.(ts|mts|js|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) yield full;
  }
}

/** Every module specifier a file imports, re-exports, requires or imports dynamically. */
function* imports(code) {
  const pattern = /\b(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(?\s*['"]([^'"]+)['"]|\brequire\s*\(\s*['"]([^'"]+)['"]/g;
  for (const m of code.matchAll(pattern)) yield { specifier: m[1] ?? m[2] ?? m[3], index: m.index };
}

export function lintFile(file, source) {
  const rel = path.relative(root, file).split(path.sep).join('/');
  const { code, bare } = blank(source);
  const problems = [];
  const report = (index, message, text = bare) => problems.push({ line: lineOf(text, index), message });

  if (rel.startsWith('src/core/')) {
    for (const { specifier, index } of imports(code)) {
      if (CORE_FORBIDDEN_MODULES.some((re) => re.test(specifier))) {
        report(index, `src/core imports "${specifier}": core is pure, move the effect to src/io`, code);
      } else if (specifier.startsWith('.')) {
        const target = path.relative(root, path.resolve(path.dirname(file), specifier)).split(path.sep).join('/');
        const dir = CORE_FORBIDDEN_DIRS.find((d) => target === d || target.startsWith(`${d}/`));
        if (dir) report(index, `src/core imports "${specifier}" from ${dir}: core must not depend on the edges`, code);
      }
    }
    for (const [pattern, message] of CORE_FORBIDDEN_CALLS) {
      for (const m of bare.matchAll(new RegExp(pattern, 'g'))) report(m.index, message);
    }
  }
  if (!ENTRY_POINTS.has(rel)) {
    for (const m of bare.matchAll(/\bprocess\s*\.\s*exit\s*\(/g)) {
      report(m.index, 'process.exit( outside an entry point: return an exit code or throw CliError');
    }
  }
  for (const m of bare.matchAll(/\bconsole\s*\.\s*log\s*\(/g)) {
    report(m.index, 'console.log in src: write to io.stdout / io.stderr');
  }
  return problems.sort((a, b) => a.line - b.line).map(({ line, message }) => `${rel}:${line}  ${message}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const problems = [...sourceFiles(path.join(root, 'src'))].flatMap((file) => lintFile(file, readFileSync(file, 'utf8')));
  if (problems.length > 0) {
    process.stderr.write(`${problems.join('\n')}\n\narchitecture lint: ${problems.length} problem(s); the rules are at the top of scripts/lint.mjs\n`);
    process.exit(1);
  }
  process.stdout.write('architecture lint: ok\n');
}
