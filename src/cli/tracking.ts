import type { CommandSpec } from './spec.js';

const since = (days: string) => ({ flags: '--since <span>', description: `how far back, e.g. 7d, 2w, or all (default ${days})` });
const config = (name: 'get' | 'set' | 'list' | 'path' | 'reset') => () => import('../commands/config.js').then((m) => m.subcommands[name]);

export const trackingCommands: readonly CommandSpec[] = [
  {
    name: 'log',
    summary: 'record how much your neck hurts, 0-10',
    load: () => import('../commands/log.js'),
    options: [
      { flags: '--pain <0-10>', description: 'average pain over the last 24 hours: 0 none, 10 worst imaginable' },
      { flags: '--note <text>', description: 'a short note (what you did, how you slept)' },
      { flags: '--at <time>', description: 'when, if not now (ISO date and time, e.g. 2026-11-24T18:00)' },
    ],
    examples: [['neckcoach log --pain 4 --note "long meeting day"', 'record a rating']],
  },
  {
    name: 'history',
    summary: 'past check-ins, routines, reminders and pain ratings',
    description:
      'Lists what neckcoach recorded: check-ins, routines, reminders and pain ratings, oldest first.\n' +
      'The history file is append-only and never rewritten: a damaged line is skipped with a warning\n' +
      'naming its line number, and --check lists every damaged line (exit 1 when there are some).',
    load: () => import('../commands/history.js'),
    options: [
      since('30d'),
      { flags: '--from <date>', description: 'from this date (YYYY-MM-DD)' },
      { flags: '--to <date>', description: 'up to this date (YYYY-MM-DD)' },
      { flags: '--type <type>', description: 'only check, routine, reminder or pain', choices: ['check', 'routine', 'reminder', 'pain'] },
      { flags: '--csv', description: 'one CSV row per record' },
      { flags: '--check', description: 'list damaged lines in the history file' },
    ],
    examples: [
      ['neckcoach history --since 7d', 'the last week'],
      ['neckcoach history --type pain --csv > pain.csv', 'pain ratings for a spreadsheet'],
      ['neckcoach history --since all --json', 'everything, as a JSON array'],
      ['neckcoach history --check', 'look for damaged lines'],
    ],
  },
  {
    name: 'stats',
    summary: 'streaks, breaks taken and your pain trend',
    description:
      'Routines finished per day and your streak (days in a row with at least one finished routine),\n' +
      'reminders sent, taken, snoozed and skipped, a sparkline of your daily pain and the change from the\n' +
      'first to the last week (meaningful when it is 2 points or 30% or more), and which routines were\n' +
      'followed by lower pain when you rated it before and after (`routine --rate`).',
    load: () => import('../commands/stats.js'),
    options: [since('30d')],
    examples: [['neckcoach stats --since 2w', 'the last fortnight']],
  },
  {
    name: 'report',
    summary: 'a one-page summary to bring to a therapist or doctor',
    description:
      'A one-page Markdown summary of what you recorded: your latest check-in and its triage, your pain\n' +
      'trend, what you have tried and how often, the plan for your stage and your breaks. It is\n' +
      'self-reported and not a diagnosis. -o writes it to a private file (mode 0600).',
    load: () => import('../commands/report.js'),
    options: [since('30d'), { flags: '-o, --output <file>', description: 'write the Markdown report to a file' }],
    examples: [['neckcoach report -o neck-report.md', 'write it to a file']],
  },
  {
    name: 'config',
    summary: 'read and change settings',
    subcommands: [
      { name: 'get', args: ['<key>'], summary: 'print one setting', load: config('get') },
      { name: 'set', args: ['<key>', '<value>'], summary: 'change a setting (validated)', load: config('set') },
      { name: 'list', summary: 'every setting with its value, default and meaning', load: config('list') },
      { name: 'path', summary: 'where the settings file lives', load: config('path') },
      { name: 'reset', args: ['[key]'], summary: 'back to the default (one key, or all)', load: config('reset') },
    ],
    examples: [
      ['neckcoach config set remind.every 30m', 'remind every half hour'],
      ['neckcoach config list', 'see everything'],
    ],
  },
  {
    name: 'completion',
    args: ['<shell>'],
    summary: 'print a shell completion script (bash, zsh or fish)',
    load: () => import('../commands/completion.js'),
    examples: [
      ['source <(neckcoach completion bash)', 'bash, for this shell'],
      ['neckcoach completion zsh > "${fpath[1]}/_neckcoach"', 'zsh, for good'],
      ['neckcoach completion fish > ~/.config/fish/completions/neckcoach.fish', 'fish, for good'],
    ],
  },
];
