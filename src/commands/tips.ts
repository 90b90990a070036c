import type { CommandContext } from '../context.js';
import { tipView } from '../render/catalogue.js';
import { browse } from './browse.js';

export const run = (ctx: CommandContext) => browse(ctx, 'tips', 'tip', tipView);
