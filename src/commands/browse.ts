import { defineCommand } from '../command.js';
import type { Catalogue } from '../content/schema.js';
import type { BrowseView } from '../render/catalogue.js';
import { output } from '../render/output.js';

type Browsable = 'causes' | 'techniques' | 'tips';

/**
 * `neckcoach causes|techniques|tips [id]`: the list, or one record in full; JSON with --json.
 * `kind` is a record's JSON key; in the help `what` names the records, `one` a single record.
 */
export function browseCommand<K extends Browsable>(
  key: K,
  kind: string,
  [what, one]: [what: string, one: string],
  example: string,
  view: BrowseView<Catalogue[K][number]>,
) {
  return defineCommand({
    name: key,
    args: ['[id]'],
    summary: `list ${what}, or show one in full`,
    description: `Without an id, lists every ${one} in the catalogue with a one-line summary. With an id, shows it in full with its sources. Unknown ids suggest the closest ones.`,
    examples: [
      [`neckcoach ${key}`, `every ${one}, one line each`],
      [`neckcoach ${key} ${example}`, 'one in full'],
      [`neckcoach ${key} --json`, 'the same as JSON'],
    ],
    async run({ args: [id], ...ctx }) {
      const { loadCatalogue, findById } = await import('../content/catalogue.js');
      const catalogue = await loadCatalogue();
      const list = catalogue[key] as readonly Catalogue[K][number][];
      if (id !== undefined) {
        const item = findById(list, id, kind);
        return output(ctx, { [kind]: item }, (chalk, width) => view.full(item, catalogue, chalk, width).join('\n'));
      }
      const document = key === 'techniques' ? { techniques: list, mechanisms: catalogue.mechanisms } : { [key]: list };
      output(ctx, document, (chalk, width) => {
        const lines = view.groups
          ? view.groups.flatMap((group) => ['', chalk.bold(group.title), ...list.filter(group.has).map((item) => view.line(item, chalk))])
          : ['', ...list.map((item) => view.line(item, chalk))];
        return [chalk.bold(view.heading), ...lines, ...(view.after?.(catalogue, chalk, width) ?? []), '', chalk.dim(view.footer)].join(
          '\n',
        );
      });
    },
  });
}
