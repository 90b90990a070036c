import type { CommandContext } from '../context.js';
import { questionsDocument, renderQuestions } from '../render/check.js';
import { printJson, say, textWidth } from '../render/output.js';
import { paint } from '../render/paint.js';

/** `neckcoach questions [--json]`: the check-in questionnaire, so scripts can build answer files. */
export async function run(ctx: CommandContext): Promise<void> {
  const { loadCatalogue } = await import('../content/catalogue.js');
  const catalogue = await loadCatalogue();
  if (ctx.global.json) return printJson(ctx.io, questionsDocument(catalogue));
  say(ctx, renderQuestions(catalogue, { paint: paint(ctx.global), width: textWidth(ctx.io) }));
}
