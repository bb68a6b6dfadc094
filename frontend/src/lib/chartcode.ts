// "Chart this": the Go cell a table output's chart menu inserts after its cell. The code is
// the user's to keep and edit, so it is plain Go calling the frame quick charts
// (kernel/frame/chart.go).

export type ChartKind = 'histogram' | 'scatter' | 'line' | 'bar';
export const AGGREGATES = ['sum', 'mean', 'count', 'min', 'max'] as const;
export type Aggregate = (typeof AGGREGATES)[number];

export interface ChartRequest {
  kind: ChartKind;
  x: string;
  y?: string;
  color?: string; // scatter: '' for one colour
  agg?: Aggregate; // bar
}

/** The variable the inserted cell binds the table to: unlikely to overwrite one of the user's. */
export const VAR = 'chartData';

/**
 * chartSource writes the cell. A SQL cell with bind=name already hands its result to Go as
 * the frame name: the cell charts that. Another SQL cell's table is read again with frame.Query
 * of the statement that made it (query, which the kernel sends with the table), so the new
 * cell still works after a kernel restart or when the notebook is reopened (the SQL cell's
 * earlier statements, CREATE TABLE and such, have run by then when cells run in order). A Go
 * cell's table can only be named by its result handle, which lasts as long as the kernel: the
 * comment says to re-run that cell first.
 */
export function chartSource(cell: { lang: string; options?: Record<string, string> }, table: { handle: string; query?: string }, r: ChartRequest): string {
  const bind = cell.lang === 'sql' ? cell.options?.bind : undefined;
  if (bind) return `// The result of the SQL cell above, which binds it to ${bind}.\n${bind}.${chartCall(r)}\n`;
  const load = table.query
    ? `// The SQL of the cell above, read again, so this cell works after a restart too.\n${VAR}, err := frame.Query(${goString(table.query)})`
    : `// The table the cell above showed; after a kernel restart run that cell again first.\n${VAR}, err := frame.Result(${goString(table.handle)})`;
  return `import "cairn/frame"\n\n${load}\nif err != nil {\n\tpanic(err)\n}\n${VAR}.${chartCall(r)}\n`;
}

/** chartCall is the quick-chart method call for a request. */
export function chartCall(r: ChartRequest): string {
  const q = goString;
  switch (r.kind) {
    case 'histogram':
      return `Histogram(${q(r.x)}, 0)`;
    case 'scatter':
      return `Scatter(${q(r.x)}, ${q(r.y ?? '')}, ${q(r.color ?? '')})`;
    case 'line':
      return `Line(${q(r.x)}, ${q(r.y ?? '')})`;
    case 'bar': {
      const agg = r.agg ?? 'count';
      return `Bar(${q(r.x)}, ${q(agg === 'count' ? '' : (r.y ?? ''))}, ${q(agg)})`;
    }
  }
}

/** goString quotes text as a Go string literal: raw (backquoted) when it can be, for legible SQL. */
export function goString(s: string): string {
  if (!s.includes('`') && !s.includes('\r') && (s.includes('\n') || s.includes('"') || s.includes('\\'))) return '`' + s + '`';
  return JSON.stringify(s); // JSON's escapes are valid in Go strings
}
