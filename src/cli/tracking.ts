import type { CommandSpec } from './spec.js';

const since = (days: string) => ({ flags: '--since <span>', description: `how far back, e.g. 7d, 2w (default ${days})` });

export const trackingCommands: readonly CommandSpec[] = [
  {
    name: 'log',
    summary: 'record how much your neck hurts, 0-10',
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
    ],
  },
  {
    name: 'stats',
    summary: 'streaks, breaks taken and your pain trend',
    options: [since('30d')],
    examples: [['neckcoach stats --since 2w', 'the last fortnight']],
  },
  {
    name: 'report',
    summary: 'a one-page summary to bring to a therapist or doctor',
    options: [since('30d'), { flags: '-o, --output <file>', description: 'write the Markdown report to a file' }],
    examples: [['neckcoach report -o neck-report.md', 'write it to a file']],
  },
  {
    name: 'config',
    summary: 'read and change settings',
    subcommands: [
      { name: 'get', args: ['<key>'], summary: 'print one setting' },
      { name: 'set', args: ['<key>', '<value>'], summary: 'change a setting (validated)' },
      { name: 'list', summary: 'every setting with its value' },
      { name: 'path', summary: 'where the settings file lives' },
      { name: 'reset', args: ['[key]'], summary: 'back to the default (one key, or all)' },
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
    examples: [
      ['source <(neckcoach completion bash)', 'bash, for this shell'],
      ['neckcoach completion fish > ~/.config/fish/completions/neckcoach.fish', 'fish, for good'],
    ],
  },
];
