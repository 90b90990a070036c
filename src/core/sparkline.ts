const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;
const ASCII = ['_', '.', '-', '~', '=', '*', '#', '@'] as const;

export interface SparklineOptions {
  /** Fixed scale, so two sparklines of pain (0–10) compare; defaults to the data's own range. */
  min?: number;
  max?: number;
  /** Drawn where there is no value (a day without a rating). */
  gap?: string;
  /** Plain ASCII for terminals without Unicode block characters. */
  ascii?: boolean;
}

/** One character per value, its height proportional to the value; null is a gap. */
export function sparkline(values: readonly (number | null)[], options: SparklineOptions = {}): string {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (present.length === 0) return (options.gap ?? ' ').repeat(values.length);
  const min = options.min ?? Math.min(...present);
  const max = options.max ?? Math.max(...present);
  const bars = options.ascii ? ASCII : BARS;
  const top = bars.length - 1;
  return values
    .map((v) => {
      if (v === null || !Number.isFinite(v)) return options.gap ?? ' ';
      if (max <= min) return bars[Math.floor(top / 2)];
      const level = Math.round(((Math.min(max, Math.max(min, v)) - min) / (max - min)) * top);
      return bars[level];
    })
    .join('');
}
