import type { CommandContext } from '../context.js';
import type { Catalogue } from '../content/schema.js';
import type { BrowseView } from '../render/catalogue.js';
import { printJson, say, textWidth } from '../render/output.js';
import { paint } from '../render/paint.js';

/** `neckcoach causes|techniques|tips [id]`: the list, or one record in full; JSON with --json. */
export async function browse<K extends 'causes' | 'techniques' | 'tips'>(
  ctx: CommandContext,
  key: K,
  kind: string,
  view: BrowseView<Catalogue[K][number]>,
): Promise<void> {
  const { loadCatalogue, findById } = await import('../content/catalogue.js');
  const catalogue = await loadCatalogue();
  const list = catalogue[key] as readonly Catalogue[K][number][];
  const id = ctx.args[0] as string | undefined;
  const chalk = paint(ctx.global);
  if (id !== undefined) {
    const item = findById(list, id, kind);
    if (ctx.global.json) return printJson(ctx.io, { [kind]: item });
    return say(ctx, view.full(item, catalogue, chalk, textWidth(ctx.io)).join('\n'));
  }
  if (ctx.global.json) return printJson(ctx.io, key === 'techniques' ? { techniques: list, mechanisms: catalogue.mechanisms } : { [key]: list });
  const lines = view.groups
    ? view.groups.flatMap((group) => ['', chalk.bold(group.title), ...list.filter(group.has).map((item) => view.line(item, chalk))])
    : ['', ...list.map((item) => view.line(item, chalk))];
  const width = textWidth(ctx.io);
  say(ctx, [chalk.bold(view.heading), ...lines, ...(view.after?.(catalogue, chalk, width) ?? []), '', chalk.dim(view.footer)].join('\n'));
}
