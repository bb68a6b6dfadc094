// The pure parts of the column profile (application/vnd.cairn.profile+json, documented in
// kernel/sql/README.md): reading the payload, number formats, the stat lines of a card and
// the bars of its small charts. ProfileView.svelte draws them; Vitest checks them.
import { count } from './table';
import { jsonObject } from './payload';

export const PROFILE_MIME = 'application/vnd.cairn.profile+json';

export interface Histogram {
  lo: number;
  hi: number;
  counts: number[];
}

export interface ColumnProfile {
  name: string;
  type: string;
  kind: 'number' | 'text' | 'bool' | 'time' | 'other';
  count: number;
  nulls: number;
  null_share: number;
  distinct: number;
  distinct_approx: boolean;
  min?: unknown;
  max?: unknown;
  mean?: number;
  std?: number;
  quartiles?: number[];
  quartiles_approx?: boolean;
  histogram?: Histogram;
  top?: { value: string; count: number }[];
  min_length?: number;
  max_length?: number;
  true?: number;
  false?: number;
}

export interface ProfileData {
  handle?: string;
  table?: string;
  rows: number;
  columns: ColumnProfile[];
}

/** parseProfile reads a profile payload sent as JSON text or as an object; null if malformed. */
export function parseProfile(v: unknown): ProfileData | null {
  const p = jsonObject(v);
  if (!p) return null;
  if (typeof p.rows !== 'number' || !Array.isArray(p.columns)) return null;
  const columns = p.columns.filter((c) => c && typeof c === 'object' && typeof c.name === 'string' && typeof c.count === 'number');
  return { ...(p as object), rows: p.rows, columns } as ProfileData;
}

/** num writes a statistic briefly: integers with separators, others with 4 significant digits. */
export function num(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return count(x);
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return x.toExponential(3);
  return String(Number(x.toPrecision(4)));
}

/** value shows a min or max: numbers as num, midnight UTC times as their date (DATE columns),
 * the rest (other times, big integers) as sent. */
export function value(v: unknown): string {
  if (typeof v === 'number') return num(v);
  if (v === undefined || v === null) return '';
  const s = String(v);
  return /^\d{4}-\d{2}-\d{2}T00:00:00Z$/.test(s) ? s.slice(0, 10) : s;
}

/** percent writes a share: "0%", "<0.1%", "12.5%", "100%". */
export function percent(share: number): string {
  if (share <= 0) return '0%';
  if (share < 0.001) return '<0.1%';
  return String(Number((share * 100).toFixed(1))) + '%';
}

/** stats are a card's label/value lines after nulls and distinct, by the column's kind. */
export function stats(c: ColumnProfile): [string, string][] {
  const out: [string, string][] = [];
  const add = (label: string, v: unknown) => {
    if (v !== undefined && v !== null) out.push([label, typeof v === 'number' ? num(v) : value(v)]);
  };
  if (c.kind === 'number' || c.kind === 'time') {
    add('min', c.min);
    add('max', c.max);
  }
  if (c.kind === 'number') {
    add('mean', c.mean);
    add('std', c.std);
    if (c.quartiles?.length === 3) {
      const est = c.quartiles_approx ? '≈' : '';
      out.push(['25%', est + num(c.quartiles[0])], ['median', est + num(c.quartiles[1])], ['75%', est + num(c.quartiles[2])]);
    }
  }
  if (c.kind === 'text' && c.min_length !== undefined) out.push(['length', `${count(c.min_length)}–${count(c.max_length ?? c.min_length)}`]);
  if (c.kind === 'bool') {
    add('true', c.true);
    add('false', c.false);
  }
  return out;
}

/** distinctLabel is the distinct count, marked "≈" when estimated. */
export function distinctLabel(c: ColumnProfile): string {
  return (c.distinct_approx ? '≈' : '') + count(c.distinct);
}

export interface Bar {
  x: number;
  y: number;
  w: number;
  h: number;
  title: string;
}

/** histogramBars lays the bins out in a width × height box, the tallest bin full height. */
export function histogramBars(h: Histogram, width: number, height: number): Bar[] {
  const n = h.counts.length;
  if (n === 0) return [];
  const most = Math.max(...h.counts, 1);
  const step = (h.hi - h.lo) / n;
  const w = width / n;
  return h.counts.map((c, i) => {
    const bh = (c / most) * height;
    const from = h.lo + i * step;
    const to = n === 1 ? h.hi : from + step;
    return { x: i * w, y: height - bh, w: Math.max(w - 1, 1), h: bh, title: `${num(from)} – ${num(to)}: ${count(c)}` };
  });
}

/** topShares are the top values with their width as a share of the most frequent one. */
export function topShares(top: { value: string; count: number }[]): { value: string; count: number; share: number }[] {
  const most = Math.max(...top.map((t) => t.count), 1);
  return top.map((t) => ({ ...t, share: t.count / most }));
}
