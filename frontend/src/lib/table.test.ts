import { describe, expect, it } from 'vitest';
import { isNumeric, lastOffset, nextSort, pageOffset, parseTable, rangeLabel, showValue } from './table';

describe('table pages', () => {
  it('labels the rows a page shows', () => {
    expect(rangeLabel(0, 50, 100_000)).toBe('rows 1–50 of 100,000');
    expect(rangeLabel(100, 50, 1_000_000)).toBe('rows 101–150 of 1,000,000');
    expect(rangeLabel(99_950, 50, 100_000)).toBe('rows 99,951–100,000 of 100,000');
    expect(rangeLabel(0, 1, 1)).toBe('row 1 of 1');
    expect(rangeLabel(0, 0, 0)).toBe('no rows');
  });

  it('finds the last page and clamps offsets to page starts', () => {
    expect(lastOffset(100_000)).toBe(99_950);
    expect(lastOffset(101)).toBe(100);
    expect(lastOffset(50)).toBe(0);
    expect(lastOffset(0)).toBe(0);
    expect(pageOffset(-50, 1000)).toBe(0);
    expect(pageOffset(120, 1000)).toBe(100);
    expect(pageOffset(5000, 1000)).toBe(950);
  });

  it('cycles a column through ascending, descending and unsorted', () => {
    const asc = nextSort(null, 'i');
    expect(asc).toEqual({ by: 'i', desc: false });
    const desc = nextSort(asc, 'i');
    expect(desc).toEqual({ by: 'i', desc: true });
    expect(nextSort(desc, 'i')).toBeNull();
    expect(nextSort(desc, 'label')).toEqual({ by: 'label', desc: false });
  });
});

describe('table values', () => {
  it('shows NULL, numbers, bools and cuts long text', () => {
    expect(showValue(null)).toEqual({ text: 'NULL', null: true });
    expect(showValue(42)).toEqual({ text: '42' });
    expect(showValue(false)).toEqual({ text: 'false' });
    expect(showValue('9007199254740993')).toEqual({ text: '9007199254740993' });
    const long = 'é'.repeat(100);
    expect(showValue(long)).toEqual({ text: 'é'.repeat(80) + '…', full: long });
    expect(showValue('a\nb')).toEqual({ text: 'a…', full: 'a\nb' });
  });

  it('right-aligns numeric types only', () => {
    for (const t of ['BIGINT', 'DOUBLE', 'DECIMAL(18,3)', 'hugeint', 'UBIGINT']) expect(isNumeric(t), t).toBe(true);
    for (const t of ['VARCHAR', 'DATE', 'TIMESTAMP', 'BOOLEAN', 'INTERVAL', 'BLOB']) expect(isNumeric(t), t).toBe(false);
  });

  it('reads payloads as text or object and refuses malformed ones', () => {
    const t = { handle: 'r1', columns: [{ name: 'x', type: 'BIGINT' }], rows: 1, offset: 0, limit: 50, sort: null, page: [[1]] };
    expect(parseTable(JSON.stringify(t))).toEqual(t);
    expect(parseTable({ ...t, sort: { by: 'x', desc: true } })?.sort).toEqual({ by: 'x', desc: true });
    expect(parseTable({ ...t, query: 'select 1' })?.query).toBe('select 1');
    expect(parseTable('{bad')).toBeNull();
    expect(parseTable({ ...t, rows: '1' })).toBeNull();
    expect(parseTable({ columns: [], rows: 0, page: [] })).toBeNull();
  });
});
