/**
 * The triage levels, most severe first, as the history stores them. The same list as the content
 * schema's LEVELS (a test keeps them equal), here without the schema library, so the history
 * reader the daemon bundles can tell a check-in it may act on without carrying valibot.
 */
export const LEVEL_IDS = ['emergency', 'urgent', 'soon', 'self-care'] as const;

export const isLevelId = (x: unknown): x is (typeof LEVEL_IDS)[number] =>
  typeof x === 'string' && (LEVEL_IDS as readonly string[]).includes(x);
