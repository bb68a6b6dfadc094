// The pure part of chart outputs: reading an ECharts option from go-echarts (the
// application/vnd.cairn.echarts+json payload) before ChartOutput.svelte draws it. Vitest
// checks it.
import { jsonObject } from './payload';

export const ECHARTS_MIME = 'application/vnd.cairn.echarts+json';

/**
 * The series types this page registers with ECharts (lib/echarts.ts): go-echarts' common 2D
 * charts (Kline is candlestick). Graph, tree, sankey, 3D, maps, ... are left out to keep the
 * bundle small; they show an error saying so.
 */
export const SERIES_TYPES = ['bar', 'line', 'scatter', 'effectScatter', 'pie', 'heatmap', 'boxplot', 'candlestick', 'radar', 'funnel', 'gauge'] as const;

export type ChartOption = Record<string, unknown>;
export type Parsed = { option: ChartOption; functions: number } | { error: string };

// go-echarts marks JavaScript functions (opts.FuncOpts) as "__f__…__f__" strings.
const FUNC = /^\s*__f__[\s\S]*__f__\s*$/;

/**
 * parseChart reads a chart payload (JSON text or object). JavaScript functions go-echarts put
 * in it are dropped, never run: an output is data, and code from a notebook file must not run
 * by opening it. Their count is returned so the page can say the chart differs. A payload
 * that is not a chart, or has series this page cannot draw, gives an error to show.
 */
export function parseChart(v: unknown): Parsed {
  const o = jsonObject(v);
  if (!o || Array.isArray(o)) return { error: 'This chart output is not an ECharts option (a JSON object).' };
  const count = { n: 0 };
  const option = stripFunctions(o, count) as ChartOption;
  const series = option.series === undefined ? [] : Array.isArray(option.series) ? option.series : [option.series];
  const unknown = series
    .map((s) => (s && typeof s === 'object' ? (s as Record<string, unknown>).type : undefined))
    .filter((t) => typeof t !== 'string' || !(SERIES_TYPES as readonly string[]).includes(t));
  if (unknown.length > 0) {
    const names = [...new Set(unknown.map((t) => (typeof t === 'string' ? t : 'a series without type')))];
    return { error: `This chart cannot be drawn here: unsupported series type ${names.join(', ')} (supported: ${SERIES_TYPES.join(', ')}).` };
  }
  return { option, functions: count.n };
}

// stripFunctions copies v without the function strings (object keys dropped, array items null).
function stripFunctions(v: unknown, count: { n: number }): unknown {
  if (typeof v === 'string') {
    if (FUNC.test(v)) {
      count.n++;
      return undefined;
    }
    return v;
  }
  if (Array.isArray(v)) return v.map((x) => stripFunctions(x, count) ?? null);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const s = stripFunctions(x, count);
      if (s !== undefined) out[k] = s;
    }
    return out;
  }
  return v;
}

/**
 * themed returns the option to draw in the page's theme: a transparent background (the
 * cell's own shows through) unless the chart sets one. The dark colours come from ECharts'
 * 'dark' theme, chosen at init.
 */
export function themed(option: ChartOption): ChartOption {
  return option.backgroundColor === undefined ? { ...option, backgroundColor: 'transparent' } : option;
}
