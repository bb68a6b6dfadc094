import { describe, expect, it } from 'vitest';
import { confusion, created, featureRows, groupTable, headline, importanceBars, MODEL_MIME, parseModelCard, provenance, reportRows, score } from './modelcard';
import { show } from './outputs';

// A card as the kernel sent it (ml.Card of a logistic regression on three classes), trimmed.
const scores = (p: number, r: number, f1: number, support: number) => ({ precision: p, recall: r, f1, support });
const sent = {
  card_version: 1,
  kind: 'logistic_regression',
  task: 'classification',
  target: 'label',
  classes: ['maybe', 'no', 'yes'],
  features: [
    { name: 'a', kind: 'numeric', type: 'int', missing: 0 },
    { name: 'region', kind: 'categorical', type: 'string', categories: 3, missing: 0.0125 },
  ],
  metrics: {
    task: 'classification',
    rows: 101,
    accuracy: 0.8712871287128713,
    log_loss: 0.34829333500022414,
    auc: 0.8594768326911183,
    report: { per_class: [scores(0, 0, 0, 13), scores(0.8, 1, 0.888888888888889, 52), scores(1, 1, 1, 36)], macro: scores(0.6, 0.6666666666666666, 0.6296296296296297, 101), weighted: scores(0.7683168316831683, 0.8712871287128713, 0.8140814081408141, 101) },
    confusion: [[0, 13, 0], [0, 52, 0], [0, 0, 36]],
  },
  importance: [
    { feature: 'b', mean: 0.3432343234323432, std: 0.012348704246778695 },
    { feature: 'region', mean: -0.02, std: 0.01 },
  ],
  group_by: 'region',
  groups: [
    { group: 'east', metrics: { task: 'classification', rows: 30, accuracy: 0.8666666666666667, auc: 0.87, report: { per_class: [], macro: scores(0.6, 0.66, 0.6296, 30) } } },
    { group: 'north', metrics: { task: 'classification', rows: 31, accuracy: 0.9032258064516129 } },
    { group: 'south', metrics: { task: 'classification', rows: 40, accuracy: 0.85 } },
  ],
  train_rows: 299,
  data_hash: 'sha256:1ac709898a9e879fae0ec73cf0db95f63119c7f119cec8fd4aecd63591a9baca',
  seed: 7,
  created: '2026-11-27T03:08:36Z',
  versions: { format: 1, cairn: '8343c6c1a4409f3413dc3f004c0d4f887d5e576c', go: 'go1.26.8' },
  problem: 'Which messages need a reply?',
};

const card = parseModelCard(JSON.stringify(sent))!;

describe('model card payload', () => {
  it('reads a card sent as JSON text or as an object, the same', () => {
    expect(card.kind).toBe('logistic_regression');
    expect(card.classes).toEqual(['maybe', 'no', 'yes']);
    expect(card.metrics?.confusion).toEqual(sent.metrics.confusion);
    expect(parseModelCard(sent)).toEqual(card);
  });

  it('refuses what is not an object and keeps a uint64 seed exactly', () => {
    expect(parseModelCard('{bad')).toBeNull();
    expect(parseModelCard('[1,2]')).toBeNull();
    expect(parseModelCard(42)).toBeNull();
    expect(parseModelCard('{"kind":"x","seed":18446744073709551615}')!.seed).toBe('18446744073709551615');
  });

  it('survives missing and malformed fields: an unevaluated model', () => {
    const bare = parseModelCard({ kind: 'tree', features: [{ name: 'x' }, { kind: 'numeric' }, null], importance: [{ mean: 1 }], groups: 'no', metrics: null })!;
    expect(bare.metrics).toBeNull();
    expect(bare.features.map((f) => f.name)).toEqual(['x']);
    expect(bare.importance).toEqual([]);
    expect(headline(bare)).toEqual([]);
    expect(reportRows(bare)).toEqual([]);
    expect(confusion(bare)).toBeNull();
    expect(groupTable(bare).rows).toEqual([]);
    expect(provenance(bare)).toBe('');
    expect(featureRows(bare)).toEqual([{ name: 'x', kind: '', type: '', categories: '', missing: '—' }]);
  });
});

describe('model card rows', () => {
  it('formats the headline metrics, an undefined one as a dash', () => {
    expect(headline(card).map((m) => [m.key, m.label, m.text])).toEqual([
      ['accuracy', 'accuracy', '0.8713'],
      ['auc', 'ROC AUC', '0.8595'],
      ['log_loss', 'log loss', '0.3483'],
    ]);
    const noAuc = parseModelCard({ ...sent, metrics: { ...sent.metrics, auc: undefined } })!;
    expect(headline(noAuc)[1]).toMatchObject({ text: '—', value: undefined });
    const reg = parseModelCard({ task: 'regression', metrics: { task: 'regression', rows: 10, rmse: 1234.5678, mae: 0.5, r2: -0.25 } })!;
    expect(headline(reg).map((m) => [m.key, m.text])).toEqual([['rmse', '1235'], ['mae', '0.5'], ['r2', '-0.25']]);
    expect(score(1e-5)).toBe('1.000e-5');
    expect(score(-1.4e-17)).toBe('0');
  });

  it('lists each class then the macro and weighted averages', () => {
    expect(reportRows(card)).toEqual([
      { label: 'maybe', kind: 'class', cells: ['0', '0', '0', '13'] },
      { label: 'no', kind: 'class', cells: ['0.8', '1', '0.8889', '52'] },
      { label: 'yes', kind: 'class', cells: ['1', '1', '1', '36'] },
      { label: 'macro avg', kind: 'macro', cells: ['0.6', '0.6667', '0.6296', '101'] },
      { label: 'weighted avg', kind: 'weighted', cells: ['0.7683', '0.8713', '0.8141', '101'] },
    ]);
  });

  it('lays out the confusion matrix with row shares and its total', () => {
    const g = confusion(card)!;
    expect(g.labels).toEqual(['maybe', 'no', 'yes']);
    expect(g.total).toBe(101);
    expect(g.rows[0][1]).toEqual({ t: 0, p: 1, n: 13, share: 1, hit: false });
    expect(g.rows[1][1]).toEqual({ t: 1, p: 1, n: 52, share: 1, hit: true });
    // ragged rows and classes the card does not name still make a square grid
    const odd = confusion(parseModelCard({ metrics: { task: 'classification', confusion: [[3, 1], [2]] } })!)!;
    expect(odd.labels).toEqual(['class 0', 'class 1']);
    expect(odd.rows.map((r) => r.map((c) => c.n))).toEqual([[3, 1], [2, 0]]);
    expect(odd.rows[0][0].share).toBe(0.75);
  });

  it('draws importance bars from a zero axis, negative ones to its left', () => {
    const { zero, bars } = importanceBars(card.importance, 100);
    // the axis spans -0.03 (region's mean - std) to 0.3556 (b's mean + std)
    const span = 0.3432343234323432 + 0.012348704246778695 + 0.03;
    expect(zero).toBeCloseTo((0.03 / span) * 100, 9);
    expect(bars[0]).toMatchObject({ feature: 'b', x: zero, text: '0.3432 ± 0.01235' });
    expect(bars[0].x + bars[0].w + ((0.012348704246778695 / span) * 100)).toBeCloseTo(100, 9);
    expect(bars[1].x + bars[1].w).toBeCloseTo(zero, 9);
    expect(bars[1].lo).toBeCloseTo(0, 9);
    expect(importanceBars([{ feature: 'z', mean: 0, std: 0 }], 100).bars[0]).toMatchObject({ x: 0, w: 0 });
  });

  it('flags the worst group: lowest accuracy, or highest RMSE; none when all are equal', () => {
    const t = groupTable(card);
    expect(t.columns).toEqual(['accuracy', 'macro F1', 'ROC AUC', 'log loss']);
    expect(t.rows.map((r) => [r.group, r.rows, r.worst])).toEqual([['east', '30', false], ['north', '31', false], ['south', '40', true]]);
    expect(t.rows[0].cells).toEqual(['0.8667', '0.6296', '0.87', '—']);
    const reg = (rmse: number[]) =>
      groupTable(parseModelCard({ task: 'regression', groups: rmse.map((r, i) => ({ group: `g${i}`, metrics: { task: 'regression', rows: 5, rmse: r } })) })!);
    expect(reg([1, 3, 2]).rows.map((r) => r.worst)).toEqual([false, true, false]);
    expect(reg([1, 3, 2]).columns).toEqual(['RMSE', 'MAE', 'R²']);
    expect(reg([2, 2]).rows.map((r) => r.worst)).toEqual([false, false]);
  });

  it('writes features, creation time and provenance', () => {
    expect(featureRows(card)).toEqual([
      { name: 'a', kind: 'numeric', type: 'int', categories: '', missing: '0%' },
      { name: 'region', kind: 'categorical', type: 'string', categories: '3', missing: '1.3%' },
    ]);
    expect(created(card.created)).toBe('2026-11-27 03:08 UTC');
    expect(created('0001-01-01T00:00:00Z')).toBe('');
    expect(created('soon')).toBe('');
    expect(provenance(card)).toBe('data sha256:1ac709898a9e… · seed 7 · cairn 8343c6c1a440 · go1.26.8 · format 1');
  });

  it('is what show() picks for the model MIME type; a malformed card shows its text', () => {
    expect(show({ kind: 'result', data: { [MODEL_MIME]: JSON.stringify(sent), 'text/plain': 'Model: …' } })).toEqual({ as: 'model', card });
    expect(show({ kind: 'result', data: { [MODEL_MIME]: '{bad', 'text/plain': 'Model: …' } })).toEqual({ as: 'text', text: 'Model: …' });
  });
});
