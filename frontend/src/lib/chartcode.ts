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
 * the frame name: the cell charts that. Another SQL cell's table is read again with frame.Query of its
 * last statement, so the new cell still works after a kernel restart or when the notebook is
 * reopened (the SQL cell's earlier statements, CREATE TABLE and such, have run by then when
 * cells run in order). A Go cell's table can only be named by its result handle, which lasts
 * as long as the kernel: the comment says to re-run that cell first.
 */
export function chartSource(cell: { lang: string; source: string; options?: Record<string, string> }, handle: string, r: ChartRequest): string {
  const bind = cell.lang === 'sql' ? cell.options?.bind : undefined;
  if (bind) return `// The result of the SQL cell above, which binds it to ${bind}.\n${bind}.${chartCall(r)}\n`;
  const load =
    cell.lang === 'sql' && lastStatement(cell.source) !== ''
      ? `// The SQL of the cell above, read again, so this cell works after a restart too.\n${VAR}, err := frame.Query(${goString(lastStatement(cell.source))})`
      : `// The table the cell above showed; after a kernel restart run that cell again first.\n${VAR}, err := frame.Result(${goString(handle)})`;
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

/**
 * lastStatement returns a SQL cell's last statement (the one whose result the table shows),
 * trimmed, without its semicolon. Semicolons inside quotes and comments do not split.
 */
export function lastStatement(sql: string): string {
  const parts: string[] = [];
  let start = 0;
  let code = false; // the current part has something besides blanks and comments
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    const two = sql.slice(i, i + 2);
    if (two === '--') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end;
    } else if (two === '/*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 1;
    } else if (c === "'" || c === '"') {
      const end = sql.indexOf(c, i + 1); // '' and "" escapes are two quoted runs in a row
      i = end < 0 ? sql.length : end;
      code = true;
    } else if (c === ';') {
      if (code) parts.push(sql.slice(start, i));
      start = i + 1;
      code = false;
    } else if (!/\s/.test(c)) {
      code = true;
    }
  }
  if (code) parts.push(sql.slice(start));
  return (parts.at(-1) ?? '').trim();
}
