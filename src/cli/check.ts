import { ANSWER_FLAGS } from '../core/answer-ids.js';
import type { CommandSpec } from './spec.js';

export const checkCommands: readonly CommandSpec[] = [
  {
    name: 'check',
    summary: 'symptom check-in: red flags, common contributors, techniques, a routine and a plan',
    description:
      'Asks about warning signs first; any of them stops self-care advice and says whom to see and how soon.\n' +
      'Then asks about your symptoms, how long they have lasted and what brings them on, and prints the\n' +
      'common contributors that match your answers (and why), techniques and a routine that fit, a\n' +
      'massage-frequency plan for your stage and lifestyle changes. It is a self-care aid, not a diagnosis.\n\n' +
      'Without a terminal, pass the answers as flags or as a JSON file (see `neckcoach questions --json`).\n' +
      'The minimum is the red-flag answer, the duration and the pain score. Flags override the same\n' +
      'answers in an --answers file; giving one answer twice on the command line is an error.',
    options: [
      { flags: '--answers <file|->', description: 'read answers from a JSON file, or - for standard input' },
      { flags: '--red-flag <id>', description: 'report a warning sign (repeatable; ids from `neckcoach questions`)', repeatable: true },
      { flags: '--no-red-flags', description: 'answer "none of these" to every warning-sign question' },
      ...ANSWER_FLAGS.map(({ flags, description }) => ({ flags, description, repeatable: true })),
      { flags: '--answer <question=value>', description: 'any other answer by question id (repeatable)', repeatable: true },
      { flags: '--no-save', description: 'do not record this check-in in your history' },
    ],
    examples: [
      ['neckcoach check', 'answer the questions interactively'],
      ['neckcoach check --no-red-flags --duration 3w --pain 4 --trigger trig_desk', 'the same from flags'],
      ['neckcoach check --answers answers.json --json', 'from a file, as JSON'],
      ['cat answers.json | neckcoach check --answers -', 'from standard input'],
    ],
    load: () => import('../commands/check.js'),
  },
  {
    name: 'plan',
    summary: 'a massage-frequency plan for your stage, optionally as a calendar file',
    description:
      'Shows how often massage is commonly suggested for a stage (acute, subacute, chronic or maintenance),\n' +
      'what the evidence says about it, and what to do between sessions. Without --stage or --duration it\n' +
      'uses your latest check-in. --ics writes the sessions and a daily routine to an iCalendar file.\n\n' +
      'After a check-in in the last 24 hours that said to get help now or today, it shows no plan (exit 3)\n' +
      'until a clinician has cleared you; after one that said to book a check-up, the referral comes first\n' +
      'and the calendar keeps to a gentle routine.',
    options: [
      { flags: '--stage <stage>', description: 'acute, subacute, chronic or maintenance', choices: ['acute', 'subacute', 'chronic', 'maintenance'] },
      { flags: '--duration <span>', description: 'how long the pain has lasted (3d, 2w, 4mo, 1y): picks the stage' },
      { flags: '--ics <file>', description: 'write the sessions and a daily routine to an .ics calendar file (- for standard output)' },
      { flags: '--evidence', description: 'chronic only: put the studied dose (60 min, 3 a week, 4 weeks) in the calendar instead' },
      { flags: '--start <date>', description: 'with --ics: the first day of the plan (YYYY-MM-DD; default tomorrow)' },
      { flags: '--i-have-been-cleared', description: 'a clinician has checked you since a check-in that said to get help: show the plan anyway' },
    ],
    examples: [
      ['neckcoach plan --duration 10w', 'the subacute plan'],
      ['neckcoach plan --stage chronic --ics neck.ics', 'put it in your calendar'],
      ['neckcoach plan --stage chronic --ics neck.ics --evidence', 'the dose studied for chronic pain instead'],
    ],
    load: () => import('../commands/plan.js'),
  },
];
