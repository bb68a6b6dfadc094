import { describe, expect, it } from 'vitest';
import { distinctLabel, histogramBars, num, parseProfile, percent, stats, topShares, value, type ColumnProfile } from './profile';

const x: ColumnProfile = {
  name: 'x', type: 'INTEGER', kind: 'number', count: 8, nulls: 2, null_share: 0.2, distinct: 7, distinct_approx: false,
  min: 1, max: 8, mean: 4, std: 2.5071326821120348, quartiles: [2, 3.5, 5.5],
  histogram: { lo: 1, hi: 8, counts: [1, 0, 2, 0] },
};

describe('profile formats', () => {
  it('writes numbers briefly', () => {
    expect(num(1234567)).toBe('1,234,567');
    expect(num(2.5071326821120348)).toBe('2.507');
    expect(num(0.00012)).toBe('1.200e-4');
    expect(num(12345678.9)).toBe('1.235e+7');
    expect(num(-3.5)).toBe('-3.5');
    expect(value('2024-01-01T00:00:00Z')).toBe('2024-01-01');
    expect(value('2024-01-01T10:30:00Z')).toBe('2024-01-01T10:30:00Z');
    expect(value('9007199254740993')).toBe('9007199254740993');
  });

  it('writes shares', () => {
    expect(percent(0)).toBe('0%');
    expect(percent(0.0004)).toBe('<0.1%');
    expect(percent(0.2)).toBe('20%');
    expect(percent(0.125)).toBe('12.5%');
    expect(percent(1)).toBe('100%');
  });

  it('lists the stats of each kind', () => {
    expect(stats(x)).toEqual([['min', '1'], ['max', '8'], ['mean', '4'], ['std', '2.507'], ['25%', '2'], ['median', '3.5'], ['75%', '5.5']]);
    expect(stats({ ...x, quartiles_approx: true }).slice(4)).toEqual([['25%', '≈2'], ['median', '≈3.5'], ['75%', '≈5.5']]);
    const s: ColumnProfile = { ...x, kind: 'text', min_length: 1, max_length: 4 };
    expect(stats(s)).toEqual([['length', '1–4']]);
    expect(stats({ ...x, kind: 'bool', true: 5, false: 2 })).toEqual([['true', '5'], ['false', '2']]);
    expect(stats({ ...x, kind: 'time', min: '2024-01-01T00:00:00Z', max: '2024-03-01T00:00:00Z' })).toEqual([
      ['min', '2024-01-01'],
      ['max', '2024-03-01'],
    ]);
    expect(stats({ name: 'n', type: 'INTEGER', kind: 'number', count: 0, nulls: 10, null_share: 1, distinct: 0, distinct_approx: false })).toEqual([]);
    expect(distinctLabel(x)).toBe('7');
    expect(distinctLabel({ ...x, distinct: 187859, distinct_approx: true })).toBe('≈187,859');
  });
});

describe('profile charts', () => {
  it('scales histogram bins to the tallest', () => {
    const bars = histogramBars(x.histogram!, 100, 40);
    expect(bars.map((b) => b.h)).toEqual([20, 0, 40, 0]);
    expect(bars.map((b) => b.x)).toEqual([0, 25, 50, 75]);
    expect(bars[2].y).toBe(0);
    expect(bars[0].title).toBe('1 – 2.75: 1');
    expect(histogramBars({ lo: 2.5, hi: 2.5, counts: [10] }, 100, 40)).toEqual([{ x: 0, y: 0, w: 99, h: 40, title: '2.5 – 2.5: 10' }]);
  });

  it('sizes top values against the most frequent', () => {
    expect(topShares([{ value: 'a', count: 4 }, { value: 'bb', count: 2 }]).map((t) => t.share)).toEqual([1, 0.5]);
  });

  it('reads payloads and refuses malformed ones', () => {
    const p = { handle: 'r1', rows: 10, columns: [x] };
    expect(parseProfile(JSON.stringify(p))).toEqual(p);
    expect(parseProfile('{bad')).toBeNull();
    expect(parseProfile({ rows: '10', columns: [] })).toBeNull();
    expect(parseProfile({ rows: 1, columns: [{ name: 1 }, x] })?.columns).toEqual([x]);
  });
});
