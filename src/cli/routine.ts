import type { CommandSpec } from './spec.js';

export const routineCommands: readonly CommandSpec[] = [
  {
    name: 'routine',
    args: ['<name>', '[id]'],
    summary: 'a guided, timed routine: countdowns, reps, sides and cues',
    description:
      'Guides you through a routine step by step with a countdown, a bell at each change and optional\n' +
      'spoken cues, so you can follow it with your eyes closed. Stop at once for sharp or shooting pain,\n' +
      'pain or tingling into an arm, numbness, dizziness or a change in vision.\n\n' +
      'Keys: space pause/resume · s or → skip · b or ← back · q quit · ? help.\n\n' +
      'Without a terminal it prints one line per event; with --json, NDJSON events (the keys\n' +
      'still work when standard input is a terminal).\n\n' +
      'Limits for one go, rounds included: chin tucks 10 holds of at most 10 s; side neck stretch\n' +
      '60 s per side; tennis ball 90 s per spot. --rounds past them exits 2 and says how many fit.\n\n' +
      '`neckcoach routine new <id>` writes a starter file for a routine of your own.',
    options: [
      { flags: '--rounds <n>', description: 'repeat the whole routine n times, within the safe limits for one go (more is refused)', default: '1' },
      { flags: '--voice', description: 'speak the cues (espeak-ng, spd-say or say)' },
      { flags: '--no-sound', description: 'no terminal bell at each change' },
      { flags: '--rate', description: 'ask for your pain (0-10) before and after' },
      { flags: '--i-have-been-cleared', description: 'a clinician has cleared you: run despite a recent red flag (recorded)' },
    ],
    examples: [
      ['neckcoach routine desk-break', 'the two-minute desk break'],
      ['neckcoach routine chin-tucks --rounds 2 --voice', 'twice, with spoken cues'],
      ['neckcoach routine desk-break --json | jq .type', 'events for scripts'],
      ['neckcoach routine new my-stretch', 'start a routine of your own'],
    ],
    load: () => import('../commands/routine.js'),
  },
];
