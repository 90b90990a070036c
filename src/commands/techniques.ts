import type { CommandContext } from '../context.js';
import { techniqueView } from '../render/catalogue.js';
import { browse } from './browse.js';

export const run = (ctx: CommandContext) => browse(ctx, 'techniques', 'technique', techniqueView);
