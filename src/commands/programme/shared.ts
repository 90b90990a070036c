import type { RunContext } from '../../command.js';
import { programmeState } from '../../core/programme.js';
import { resolveTimeZone } from '../../core/stats.js';
import { recentRecords } from '../../io/history.js';
import { resolvePaths } from '../../io/paths.js';

/** The programme named (the only one when none is), the history and where the person stands in it. */
export async function loadProgramme(ctx: Pick<RunContext, 'io'>, name: string | undefined) {
  const { loadCatalogue, findById } = await import('../../content/catalogue.js');
  const catalogue = await loadCatalogue();
  const programme = findById(catalogue.programmes, name ?? catalogue.programmes[0]!.id, 'programme');
  const paths = resolvePaths(ctx.io.env);
  const now = ctx.io.clock.now();
  const records = recentRecords(paths, now, ctx.io);
  const timeZone = resolveTimeZone(ctx.io.env.TZ);
  return { catalogue, programme, paths, records, now, timeZone, state: programmeState(records, programme, now, { timeZone }) };
}
