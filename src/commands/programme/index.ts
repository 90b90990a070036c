import { defineGroup } from '../../command.js';
import start from './start.js';
import status from './status.js';
import stop from './stop.js';

export default defineGroup({
  name: 'programme',
  summary: 'an 8-week strengthening programme that adapts to how you keep up and how your neck responds',
  description:
    'Four levels of two weeks, three sessions a week of `neckcoach routine strengthen`, weeks from\n' +
    'Monday. A level goes up when at least 5 of its 6 sessions were done; it is held otherwise. A pain\n' +
    'rise of 3 or more after a session (with --rate), or a smaller one not settled by your next\n' +
    'rating, steps back a level at once. Without ratings it goes up on completion alone.',
  examples: [
    ['neckcoach programme start strengthen', 'begin at level 1'],
    ['neckcoach routine strengthen --rate', 'a session at your current level'],
    ['neckcoach programme status --json', 'level and sessions this week, for scripts'],
  ],
  subcommands: [start, status, stop],
});
