import { describe, expect, it } from 'vitest';
import { chartCall, chartSource, goString } from './chartcode';

describe('chart this', () => {
  it('quotes Go strings legibly and safely', () => {
    expect(goString('x')).toBe('"x"');
    expect(goString('select "a"\nfrom t')).toBe('`select "a"\nfrom t`');
    expect(goString('select `a`\nfrom t')).toBe('"select `a`\\nfrom t"');
    expect(goString('a"b')).toBe('`a"b`');
  });

  it('calls the quick chart for each kind', () => {
    expect(chartCall({ kind: 'histogram', x: 'size' })).toBe('Histogram("size", 0)');
    expect(chartCall({ kind: 'scatter', x: 'a', y: 'b', color: 'kind' })).toBe('Scatter("a", "b", "kind")');
    expect(chartCall({ kind: 'scatter', x: 'a', y: 'b' })).toBe('Scatter("a", "b", "")');
    expect(chartCall({ kind: 'line', x: 'day', y: 'sales' })).toBe('Line("day", "sales")');
    expect(chartCall({ kind: 'bar', x: 'region', y: 'sales', agg: 'mean' })).toBe('Bar("region", "sales", "mean")');
    expect(chartCall({ kind: 'bar', x: 'region', y: 'sales', agg: 'count' })).toBe('Bar("region", "", "count")');
  });

  it('reads a SQL cell again by the statement the kernel sent, a Go cell by its result handle', () => {
    const sql = chartSource({ lang: 'sql' }, { handle: 'r4', query: 'select n from t' }, { kind: 'histogram', x: 'n' });
    expect(sql).toBe(
      'import "cairn/frame"\n\n// The SQL of the cell above, read again, so this cell works after a restart too.\n' +
        'chartData, err := frame.Query("select n from t")\nif err != nil {\n\tpanic(err)\n}\nchartData.Histogram("n", 0)\n',
    );
    const go = chartSource({ lang: 'go' }, { handle: 'r4' }, { kind: 'line', x: 'a', y: 'b' });
    expect(go).toContain('chartData, err := frame.Result("r4")');
    expect(go).toContain('run that cell again first');
    expect(go.endsWith('chartData.Line("a", "b")\n')).toBe(true);
  });

  it('charts the frame a SQL cell binds with bind=', () => {
    const bound = chartSource({ lang: 'sql', options: { bind: 'byType' } }, { handle: 'r4', query: 'select $n as n' }, { kind: 'histogram', x: 'n' });
    expect(bound).toBe('// The result of the SQL cell above, which binds it to byType.\nbyType.Histogram("n", 0)\n');
    // bind= on a Go cell means nothing: read by handle as before.
    expect(chartSource({ lang: 'go', options: { bind: 'x' } }, { handle: 'r4' }, { kind: 'histogram', x: 'n' })).toContain('frame.Result("r4")');
    // A SQL table saved before tables carried their statement: by handle too.
    expect(chartSource({ lang: 'sql' }, { handle: 'r4' }, { kind: 'histogram', x: 'n' })).toContain('frame.Result("r4")');
  });
});
