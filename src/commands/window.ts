import { text } from '../command.js';

/** `--since`, as history, stats and report declare it: how far back they look. */
export const sinceOption = (fallback: string) => text('--since <span>', `how far back, e.g. 7d, 2w, or all (default ${fallback})`);
