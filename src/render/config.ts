import type { ChalkInstance } from 'chalk';
import type { SettingValue } from '../core/settings.js';

export interface SettingRow {
  key: string;
  value: SettingValue;
  default: SettingValue;
  description: string;
  accepts: string;
}

export const showSetting = (v: SettingValue) => (v === null ? 'none' : String(v));

export function settingsTable(rows: readonly SettingRow[], c: ChalkInstance): string {
  const width = Math.max(...rows.map((r) => r.key.length));
  return rows
    .map((r) => {
      const changed = showSetting(r.value) !== showSetting(r.default);
      const value = changed ? c.bold(showSetting(r.value)) : showSetting(r.value);
      const def = changed ? c.dim(` (default ${showSetting(r.default)})`) : c.dim(' (default)');
      return `${r.key.padEnd(width)}  ${value}${def}\n${''.padEnd(width)}  ${c.dim(r.description)}`;
    })
    .join('\n');
}
