/**
 * A starter routine of one's own (`routine new <id>`): a move with a hold on each side and a set
 * of slow reps, with notes that explain each field. `$schema` lets editors check and complete it.
 */
export function starterRoutine(id: string, $schema: string | undefined): Record<string, unknown> {
  return {
    ...($schema ? { $schema } : {}),
    id,
    title: id
      .split('-')
      .map((word, i) => (i === 0 ? word[0]!.toUpperCase() + word.slice(1) : word))
      .join(' '),
    summary: 'My own routine: edit the steps to suit you.',
    kind: 'move',
    gentle: true,
    notes:
      'Edit freely, then run `neckcoach routine ' +
      id +
      '`. kind "move" has steps; kind "session" has parts instead, e.g. [{"routine": "chin-tucks", "reps": 5}]. ' +
      'Set gentle to true only for movement without pressure or deep kneading. Step kinds: hold (seconds per hold, times reps), ' +
      'reps (seconds per repetition, times reps) and timed (seconds in all, per side with sides). rest is seconds between reps and sides.',
    setup: ['Sit tall with your shoulders relaxed.'],
    cautions: ['Stay within comfort: stop for sharp pain, tingling, numbness or dizziness.'],
    steps: [
      {
        id: 'side-stretch',
        title: 'Side stretch',
        kind: 'hold',
        seconds: 20,
        reps: 1,
        sides: true,
        rest: 5,
        cue: 'Tip your ear towards your shoulder until you feel a mild stretch, and hold.',
        cues: ['Keep the opposite shoulder down.'],
        notes: 'A hold of 20 seconds on the left, a 5-second rest, then the right.',
      },
      {
        id: 'chin-tuck',
        title: 'Chin tucks',
        kind: 'reps',
        seconds: 6,
        reps: 5,
        cue: 'Glide your chin straight back, hold a moment, and let go.',
        notes: 'Five slow repetitions of 6 seconds each.',
      },
    ],
  };
}
