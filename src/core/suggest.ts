/** Edit distance between two short strings (ids, flags): small inputs, so the simple DP is fine. */
export function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** Up to `limit` candidates close to `input`, nearest first: for "did you mean …?" hints. */
export function suggest(input: string, candidates: readonly string[], limit = 3): string[] {
  const needle = input.toLowerCase();
  return candidates
    .map((candidate) => {
      const lower = candidate.toLowerCase();
      const d = lower.startsWith(needle) || lower.includes(needle) ? 0.5 : distance(needle, lower);
      return { candidate, d };
    })
    .filter(({ candidate, d }) => d <= Math.max(2, Math.floor(candidate.length / 3)))
    .sort((x, y) => x.d - y.d || x.candidate.localeCompare(y.candidate))
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}

/** `did you mean "a" or "b"?`, or a list of what is valid when nothing is close. */
export function didYouMean(input: string, candidates: readonly string[]): string {
  const close = suggest(input, candidates);
  if (close.length > 0) return `did you mean ${close.map((c) => `"${c}"`).join(' or ')}?`;
  return `valid: ${candidates.join(', ')}`;
}
