import type { CommandSpec } from './spec.js';

export const remindCommand: CommandSpec = {
  name: 'remind',
  summary: 'desktop break reminders every 30-60 minutes, in the background',
  description:
    'A small background scheduler sends a desktop notification every 30-60 minutes (default 45m) during\n' +
    'your work hours, naming a short routine to do. It survives closing the terminal, can be snoozed or\n' +
    'paused, and can be installed to start when you log in. Short, frequent breaks are a comfort and a habit;\n' +
    'they are not a treatment.',
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
      summary: 'start the background scheduler (returns at once)',
      options: [
        { flags: '--every <span>', description: 'time between breaks, 30m to 60m (default 45m)' },
        { flags: '--work-hours <range>', description: 'only remind between these times, e.g. 9-17 or 9:00-17:30' },
        { flags: '--days <days>', description: 'only on these days: mon-fri, mon,wed,fri or all' },
      ],
      examples: [['neckcoach remind start --every 30m --days mon-fri', 'every half hour on weekdays']],
    },
    { name: 'stop', summary: 'stop the scheduler and wait until it has gone' },
    { name: 'status', summary: 'whether it runs, its settings, the next reminder and the last error' },
    { name: 'pause', args: ['[span]'], summary: 'pause reminders for a while (e.g. 2h), or until `resume`' },
    { name: 'resume', summary: 'end a pause or a snooze' },
    { name: 'snooze', args: ['[span]'], summary: 'put off the next reminder (default 10m)' },
    { name: 'skip', summary: 'skip this break and start a fresh interval' },
    { name: 'test', summary: 'send one notification now and report whether it was delivered' },
    { name: 'doctor', summary: 'check the display, D-Bus, notify-send and the notification daemon, with fixes' },
    {
      name: 'run',
      summary: 'run the scheduler in the foreground (what `start` and the service run)',
      options: [
        { flags: '--every <span>', description: 'time between breaks, 30m to 60m' },
        { flags: '--work-hours <range>', description: 'only remind between these times' },
        { flags: '--days <days>', description: 'only on these days' },
      ],
    },
    {
      name: 'install',
      summary: 'start reminders at login (systemd user unit, launchd agent or crontab)',
      options: [{ flags: '--dry-run', description: 'print the file and the commands instead of running them' }],
    },
    {
      name: 'uninstall',
      summary: 'remove what `remind install` set up',
      options: [{ flags: '--dry-run', description: 'print what would be removed' }],
    },
  ],
};
