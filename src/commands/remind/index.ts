import { defineGroup } from '../../command.js';
import doctor from './doctor.js';
import install from './install.js';
import pause from './pause.js';
import resume from './resume.js';
import run from './run.js';
import skip from './skip.js';
import snooze from './snooze.js';
import start from './start.js';
import status from './status.js';
import stop from './stop.js';
import test from './test.js';
import uninstall from './uninstall.js';

export default defineGroup({
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
  subcommands: [start, stop, status, pause, resume, snooze, skip, test, doctor, run, install, uninstall],
});
