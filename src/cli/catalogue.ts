import type { CommandModule } from '../context.js';
import type { CommandSpec } from './spec.js';

/** A browse command: `what` names the records in the plural, `one` a single record. */
const browse = (name: string, what: string, one: string, example: string, load: () => Promise<CommandModule>): CommandSpec => ({
  name,
  load,
  args: ['[id]'],
  summary: `list ${what}, or show one in full`,
  description: `Without an id, lists every ${one} in the catalogue with a one-line summary. With an id, shows it in full with its sources. Unknown ids suggest the closest ones.`,
  examples: [
    [`neckcoach ${name}`, `every ${one}, one line each`],
    [`neckcoach ${name} ${example}`, 'one in full'],
    [`neckcoach ${name} --json`, 'the same as JSON'],
  ],
});

export const catalogueCommands: readonly CommandSpec[] = [
  browse('causes', 'common causes of neck pain', 'cause', 'poor-posture', () => import('../commands/causes.js')),
  browse('techniques', 'massage and self-care techniques', 'technique', 'trigger-point', () => import('../commands/techniques.js')),
  {
    ...browse('routines', 'guided routines', 'routine', 'desk-break', () => import('../commands/routines.js')),
    options: [{ flags: '--path', description: 'print the folder where your own routine files go' }],
  },
  browse('tips', 'lifestyle changes', 'lifestyle change', 'take-breaks', () => import('../commands/tips.js')),
  {
    name: 'questions',
    summary: 'the check-in questionnaire, so scripts can build answer files',
    description:
      'Prints every red-flag question (asked first) and every check-in question with its answer ids.\nThe ids are what `neckcoach check --answers` accepts.',
    examples: [
      ['neckcoach questions', 'read the questionnaire'],
      ['neckcoach questions --json > questions.json', 'the machine-readable form'],
    ],
    load: () => import('../commands/questions.js'),
  },
];
