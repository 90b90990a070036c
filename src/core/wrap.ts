/**
 * Greedy word wrap; `indent` prefixes every line. A word is never split across lines: one longer
 * than the line is left whole, or with `clip` (a screen that must not overflow) cut short with "…".
 */
export function wrap(text: string, width: number, indent = '', options: { clip?: boolean } = {}): string {
  const room = Math.max(1, width - indent.length);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const whole of paragraph.split(/\s+/).filter(Boolean)) {
      const word = options.clip && whole.length > room ? `${whole.slice(0, room - 1)}…` : whole;
      if (line && line.length + 1 + word.length > room) {
        lines.push(indent + line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    lines.push(indent + line);
  }
  return lines.join('\n');
}

/** One line of at most `width` characters, cut at a word boundary with "…" when it is longer. */
export function clipWords(text: string, width: number): string {
  if (text.length <= width) return text;
  const first = wrap(text, width - 1, '', { clip: true }).split('\n')[0]!;
  return `${first.replace(/[\s·—,:;-]+$/, '')}…`;
}
