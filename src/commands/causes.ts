import type { CommandContext } from '../context.js';
import { causeView } from '../render/catalogue.js';
import { browse } from './browse.js';

export const run = (ctx: CommandContext) => browse(ctx, 'causes', 'cause', causeView);
