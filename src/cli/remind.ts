import type { CommandSpec, OptionSpec } from './spec.js';

/** `start` and `run` take the same schedule, saved to the config either way. */
const SCHEDULE_OPTIONS: readonly OptionSpec[] = [
  { flags: '--every <span>', description: 'time between breaks, 30m to 60m (default 45m); saved to the config' },
  { flags: '--work-hours <range>', description: 'only remind between these times, e.g. 9-17, 9:00-17:30, or none; saved' },
  { flags: '--days <days>', description: 'only on these days: mon-fri, mon,wed,fri or all; saved' },
];

export const remindCommand: CommandSpec = {
  name: 'remind',
  summary: 'desktop break reminders every 30-60 minutes, in the background',
  description:
    'A small background scheduler sends a desktop notification every 30-60 minutes (default 45m) during\n' +
    'your work hours, naming a short routine to do. It survives closing the terminal, can be snoozed or\n' +
    'paused, and can be installed to start when you log in. Short, frequent breaks support comfort and a\n' +
    'habit of moving.',
  examples: [
    ['neckcoach remind start --every 45m --work-hours 9:00-17:30 --days mon-fri', 'start reminding'],
    ['neckcoach remind snooze 15m', 'not now'],
    ['neckcoach remind status', 'what it is doing'],
    ['neckcoach remind doctor', 'why notifications do not arrive'],
    ['neckcoach remind install', 'start it at login'],
  ],
  subcommands: [
    {
      name: 'start',
      load: () => import('../commands/remind/start.js'),
      summary: 'start the background scheduler (returns at once)',
      options: SCHEDULE_OPTIONS,
      examples: [['neckcoach remind start --every 30m --days mon-fri', 'every half hour on weekdays']],
    },
    { name: 'stop', load: () => import('../commands/remind/stop.js'), summary: 'stop the scheduler and wait until it has gone (nothing running is fine)' },
    { name: 'status', load: () => import('../commands/remind/status.js'), summary: 'whether it runs, its settings, the next reminder and the last error' },
    { name: 'pause', load: () => import('../commands/remind/pause.js'), args: ['[span]'], summary: 'pause reminders for a while (e.g. 2h), or until `resume`' },
    { name: 'resume', load: () => import('../commands/remind/resume.js'), summary: 'end a pause or a snooze' },
    { name: 'snooze', load: () => import('../commands/remind/snooze.js'), args: ['[span]'], summary: 'put off the next reminder (default 10m)' },
    { name: 'skip', load: () => import('../commands/remind/skip.js'), summary: 'skip this break and start a fresh interval' },
    { name: 'test', load: () => import('../commands/remind/test.js'), summary: 'send one notification now and report whether it was delivered' },
    { name: 'doctor', load: () => import('../commands/remind/doctor.js'), summary: 'check the display, D-Bus, notify-send and the notification daemon, with fixes' },
    {
      name: 'run',
      load: () => import('../commands/remind/run.js'),
      summary: 'run the scheduler in the foreground (what `start` and the service run)',
      options: SCHEDULE_OPTIONS,
    },
    {
      name: 'install',
      load: () => import('../commands/remind/install.js'),
      summary: 'start reminders at login (systemd user unit, launchd agent or crontab)',
      options: [{ flags: '--dry-run', description: 'print the file and the commands instead of running them' }],
    },
    {
      name: 'uninstall',
      load: () => import('../commands/remind/uninstall.js'),
      summary: 'remove what `remind install` set up',
      options: [{ flags: '--dry-run', description: 'print what would be removed' }],
    },
  ],
};
