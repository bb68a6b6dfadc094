import { describe, expect, it } from 'vitest';
import { ComponentModel } from 'echarts/core';
import { parseChart, SERIES_TYPES, themed } from './chart';
import { show } from './outputs';

// An option as go-echarts writes it (nb.Bundle): title, legend, tooltip, toolbox, series, axes.
const bar = {
  title: { text: 'Sales' },
  legend: {},
  tooltip: { show: true },
  toolbox: {},
  series: [{ name: 's', type: 'bar', data: [{ value: 1 }, { value: 2 }] }],
  xAxis: [{ data: ['a', 'b'] }],
  yAxis: [{}],
};

describe('chart outputs', () => {
  it('reads an option sent as JSON text or as an object', () => {
    expect(parseChart(JSON.stringify(bar))).toEqual({ option: bar, functions: 0 });
    expect(parseChart(bar)).toEqual({ option: bar, functions: 0 });
  });

  it('drops go-echarts JavaScript functions instead of running them, and counts them', () => {
    const withFns = {
      ...bar,
      tooltip: { formatter: '__f__function (p) { return alert(1) }__f__', show: true },
      series: [{ type: 'line', data: [1, '__f__() => 2__f__'] }],
    };
    const p = parseChart(withFns);
    expect(p).toEqual({ option: { ...bar, tooltip: { show: true }, series: [{ type: 'line', data: [1, null] }] }, functions: 2 });
    expect(JSON.stringify(p)).not.toContain('__f__');
    // Ordinary strings that merely mention the marker stay.
    expect(parseChart({ title: { text: 'a __f__ b' }, series: [] })).toEqual({ option: { title: { text: 'a __f__ b' }, series: [] }, functions: 0 });
  });

  it('says what is wrong with a payload that cannot be drawn', () => {
    expect(parseChart('not json')).toEqual({ error: 'This chart output is not an ECharts option (a JSON object).' });
    expect(parseChart('[1,2]')).toHaveProperty('error');
    const graph = parseChart({ series: [{ type: 'graph' }, { type: 'bar' }, {}] });
    expect('error' in graph && graph.error).toMatch(/^This chart cannot be drawn here: unsupported series type graph, a series without type \(supported: bar, line,/);
    expect(parseChart({ series: { type: 'pie' } })).toEqual({ option: { series: { type: 'pie' } }, functions: 0 });
    expect(parseChart({ title: { text: 'no series' } })).toHaveProperty('option');
  });

  it('draws on the cell background unless the chart sets its own', () => {
    expect(themed(bar).backgroundColor).toBe('transparent');
    expect(themed({ ...bar, backgroundColor: '#fff' }).backgroundColor).toBe('#fff');
    expect(bar).not.toHaveProperty('backgroundColor');
  });

  it('is what an output with the ECharts MIME type shows as, before its text', () => {
    const s = show({ kind: 'result', data: { 'text/plain': '<bar chart: Sales, 1 series>', 'application/vnd.cairn.echarts+json': JSON.stringify(bar) } });
    expect(s).toEqual({ as: 'chart', option: JSON.stringify(bar) });
  });

  it('registers with ECharts every series type it accepts, and no other', async () => {
    await import('./echarts');
    const models = ComponentModel as unknown as { getClassesByMainType(t: string): { type: string }[] };
    const registered = models.getClassesByMainType('series').map((c) => c.type.replace(/^series\./, '')).filter((t) => !t.startsWith('__'));
    expect(registered.sort()).toEqual([...SERIES_TYPES].sort());
  });
});
