/** The one table printer of the CLI: the first and last columns align left, the rest (numbers) right. */
export function table(headers: readonly string[] | null, rows: readonly (readonly string[])[], indent = ''): string {
  const all = headers ? [headers, ...rows] : rows;
  const columns = Math.max(0, ...all.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, c) => Math.max(0, ...all.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    indent +
    cells
      .map((v, c) => (c === 0 || c === cells.length - 1 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!)))
      .join('  ')
      .trimEnd();
  const out = headers ? [line(headers), indent + widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)] : rows.map(line);
  return out.join('\n') + '\n';
}
