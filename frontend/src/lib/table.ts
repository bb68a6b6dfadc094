// The pure parts of the table output: reading the payload, page arithmetic, the sort cycle
// and how values are shown. TableOutput.svelte draws them; Vitest checks them.
import type { TableData, TableSort } from './types';
import { jsonObject } from './payload';

export const TABLE_MIME = 'application/vnd.cairn.table+json';
export const PAGE_SIZE = 50;
/** Text longer than this is cut in the cell; the whole value is in its title and on click. */
export const MAX_CHARS = 80;

/** parseTable reads a table payload sent as JSON text or as an object; null if malformed. */
export function parseTable(v: unknown): TableData | null {
  const t = jsonObject(v);
  if (!t) return null;
  if (typeof t.handle !== 'string' || !Array.isArray(t.columns) || !Array.isArray(t.page) || typeof t.rows !== 'number') return null;
  const s = t.sort as Record<string, unknown> | null | undefined;
  return {
    handle: t.handle,
    columns: t.columns.map((c: { name?: unknown; type?: unknown }) => ({ name: String(c?.name ?? ''), type: String(c?.type ?? '') })),
    rows: t.rows,
    offset: typeof t.offset === 'number' ? t.offset : 0,
    limit: typeof t.limit === 'number' ? t.limit : PAGE_SIZE,
    sort: s && typeof s.by === 'string' && s.by !== '' ? { by: s.by, desc: s.desc === true } : null,
    page: t.page.filter(Array.isArray) as unknown[][],
    ...(typeof t.query === 'string' && t.query !== '' ? { query: t.query } : {}),
  };
}

/** count writes a whole number with thousands separators: 1,000,000. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** rangeLabel says which rows a page shows: "rows 101–150 of 1,000,000". */
export function rangeLabel(offset: number, shown: number, rows: number): string {
  if (rows === 0) return 'no rows';
  if (shown === 0) return `no rows here (${count(rows)} in all)`;
  if (shown === 1) return `row ${count(offset + 1)} of ${count(rows)}`;
  return `rows ${count(offset + 1)}–${count(offset + shown)} of ${count(rows)}`;
}

/** lastOffset is where the last page starts. */
export function lastOffset(rows: number, size = PAGE_SIZE): number {
  return rows <= 0 ? 0 : Math.floor((rows - 1) / size) * size;
}

/** pageOffset clamps a wanted offset to a page start inside the table. */
export function pageOffset(want: number, rows: number, size = PAGE_SIZE): number {
  return Math.min(Math.max(0, Math.floor(want / size) * size), lastOffset(rows, size));
}

/** nextSort cycles a header click: ascending, then descending, then the result's own order. */
export function nextSort(cur: TableSort | null, column: string): TableSort | null {
  if (!cur || cur.by !== column) return { by: column, desc: false };
  return cur.desc ? null : { by: column, desc: true };
}

const numeric = /^(TINYINT|SMALLINT|INTEGER|INT|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|REAL|DOUBLE|DECIMAL|NUMERIC)\b/i;

/** isNumeric says whether a DuckDB column type is shown right-aligned. */
export function isNumeric(type: string): boolean {
  return numeric.test(type.trim());
}

export interface ShownValue {
  text: string;
  /** the whole value when text is cut */
  full?: string;
  null?: boolean;
}

/** showValue turns a JSON-encoded cell value into what the table shows. */
export function showValue(v: unknown, max = MAX_CHARS): ShownValue {
  if (v === null || v === undefined) return { text: 'NULL', null: true };
  const s = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
  const chars = Array.from(s);
  if (chars.length <= max && !s.includes('\n')) return { text: s };
  const first = s.split('\n')[0];
  const cut = Array.from(first).slice(0, max).join('');
  return { text: cut + '…', full: s };
}
