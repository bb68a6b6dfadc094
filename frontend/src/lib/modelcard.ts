// The pure parts of the model card (application/vnd.cairn.model+json, the JSON of ml.Card in
// ml/card.go): reading the payload defensively, and the rows, cells and bars ModelCard.svelte
// draws, all numbers through profile.ts's formats. Vitest checks them.
import { jsonObject } from './payload';
import { num, percent } from './profile';
import { count } from './table';

export const MODEL_MIME = 'application/vnd.cairn.model+json';

export interface ClassScore {
  precision?: number;
  recall?: number;
  f1?: number;
  support?: number;
}

/** Metrics of ml.Metrics; a score the kernel could not define (NaN) is absent. */
export interface Metrics {
  task: string;
  rows?: number;
  accuracy?: number;
  log_loss?: number;
  auc?: number;
  report?: { per_class: ClassScore[]; macro?: ClassScore; weighted?: ClassScore };
  confusion?: number[][];
  rmse?: number;
  mae?: number;
  r2?: number;
}

export interface Importance {
  feature: string;
  mean: number;
  std: number;
}

export interface CardFeature {
  name: string;
  kind: string;
  type: string;
  categories?: number;
  missing?: number;
}

export interface ModelCard {
  kind: string;
  task: string;
  target: string;
  classes: string[];
  features: CardFeature[];
  metrics: Metrics | null;
  importance: Importance[];
  group_by: string;
  groups: { group: string; metrics: Metrics | null }[];
  train_rows?: number;
  data_hash: string;
  /** the seed's digits as sent: a uint64 may not fit a JavaScript number */
  seed: string;
  created: string;
  versions: { format?: number; cairn?: string; go?: string };
  problem: string;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const fin = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function scores(v: unknown): ClassScore | undefined {
  const o = obj(v);
  return o ? { precision: fin(o.precision), recall: fin(o.recall), f1: fin(o.f1), support: fin(o.support) } : undefined;
}

function metrics(v: unknown): Metrics | null {
  const o = obj(v);
  if (!o) return null;
  const r = obj(o.report);
  const confusion = list(o.confusion).map((row) => list(row).map((n) => fin(n) ?? 0));
  return {
    task: str(o.task),
    rows: fin(o.rows),
    accuracy: fin(o.accuracy),
    log_loss: fin(o.log_loss),
    auc: fin(o.auc),
    report: r ? { per_class: list(r.per_class).map((s) => scores(s) ?? {}), macro: scores(r.macro), weighted: scores(r.weighted) } : undefined,
    confusion: confusion.length ? confusion : undefined,
    rmse: fin(o.rmse),
    mae: fin(o.mae),
    r2: fin(o.r2),
  };
}

/** parseModelCard reads a card sent as JSON text or as an object; null if it is neither.
 * Every field may be missing (an unevaluated model has no metrics). */
export function parseModelCard(v: unknown): ModelCard | null {
  const c = jsonObject(v);
  if (!c || Array.isArray(c)) return null;
  const seed = typeof v === 'string' ? /"seed":(\d+)/.exec(v)?.[1] : undefined;
  const ver = obj(c.versions) ?? {};
  return {
    kind: str(c.kind),
    task: str(c.task),
    target: str(c.target),
    classes: list(c.classes).map(String),
    features: list(c.features)
      .map(obj)
      .filter((f): f is Obj => f !== null && typeof f.name === 'string')
      .map((f) => ({ name: f.name as string, kind: str(f.kind), type: str(f.type), categories: fin(f.categories), missing: fin(f.missing) })),
    metrics: metrics(c.metrics),
    importance: list(c.importance)
      .map(obj)
      .filter((i): i is Obj => i !== null && typeof i.feature === 'string')
      .map((i) => ({ feature: i.feature as string, mean: fin(i.mean) ?? 0, std: fin(i.std) ?? 0 })),
    group_by: str(c.group_by),
    groups: list(c.groups)
      .map(obj)
      .filter((g): g is Obj => g !== null)
      .map((g) => ({ group: String(g.group ?? ''), metrics: metrics(g.metrics) })),
    train_rows: fin(c.train_rows),
    data_hash: str(c.data_hash),
    seed: seed ?? (fin(c.seed) !== undefined ? String(c.seed) : ''),
    created: str(c.created),
    versions: { format: fin(ver.format), cairn: str(ver.cairn), go: str(ver.go) },
    problem: str(c.problem),
  };
}

/** score writes a metric: 4 significant digits, "—" when absent (undefined for these rows),
 * rounding noise (|v| < 1e-12, e.g. an importance of -1e-17) as 0. */
export function score(v: number | undefined): string {
  if (v === undefined) return '—';
  return num(Math.abs(v) < 1e-12 ? 0 : v);
}

export type MetricKey = 'accuracy' | 'auc' | 'log_loss' | 'rmse' | 'mae' | 'r2';

const LABELS: Record<MetricKey, string> = { accuracy: 'accuracy', auc: 'ROC AUC', log_loss: 'log loss', rmse: 'RMSE', mae: 'MAE', r2: 'R²' };

/** isRegression: the card's task, else its metrics'. */
export function isRegression(c: ModelCard): boolean {
  return (c.task || c.metrics?.task) === 'regression';
}

/** headline lists the task's main metrics, formatted, with their exact values for a title. */
export function headline(c: ModelCard): { key: MetricKey; label: string; text: string; value?: number }[] {
  const m = c.metrics;
  if (!m) return [];
  const keys: MetricKey[] = isRegression(c) ? ['rmse', 'mae', 'r2'] : ['accuracy', 'auc', 'log_loss'];
  return keys.map((key) => ({ key, label: LABELS[key], text: score(m[key]), value: m[key] }));
}

export interface ReportRow {
  label: string;
  kind: 'class' | 'macro' | 'weighted';
  cells: string[]; // precision, recall, F1, support
}

/** reportRows are the per-class table's rows: each class, then the macro and weighted averages. */
export function reportRows(c: ModelCard): ReportRow[] {
  const r = c.metrics?.report;
  if (!r) return [];
  const row = (label: string, kind: ReportRow['kind'], s: ClassScore | undefined): ReportRow => ({
    label,
    kind,
    cells: [score(s?.precision), score(s?.recall), score(s?.f1), s?.support === undefined ? '—' : count(s.support)],
  });
  const out = r.per_class.map((s, i) => row(c.classes[i] ?? `class ${i}`, 'class', s));
  if (r.macro) out.push(row('macro avg', 'macro', r.macro));
  if (r.weighted) out.push(row('weighted avg', 'weighted', r.weighted));
  return out;
}

export interface ConfusionCell {
  t: number;
  p: number;
  n: number;
  /** the share of the true class's rows: what the shade shows */
  share: number;
  hit: boolean;
}

/** confusion lays out the [true][pred] counts with their row shares and the rows' total. */
export function confusion(c: ModelCard): { labels: string[]; rows: ConfusionCell[][]; total: number } | null {
  const m = c.metrics?.confusion;
  if (!m?.length) return null;
  const k = Math.max(m.length, ...m.map((r) => r.length));
  const labels = Array.from({ length: k }, (_, i) => c.classes[i] ?? `class ${i}`);
  let total = 0;
  const rows = labels.map((_, t) => {
    const row = m[t] ?? [];
    const sum = row.reduce((a, b) => a + b, 0);
    total += sum;
    return labels.map((_, p) => ({ t, p, n: row[p] ?? 0, share: sum > 0 ? (row[p] ?? 0) / sum : 0, hit: t === p }));
  });
  return { labels, rows, total };
}

export interface ImportanceBar {
  feature: string;
  x: number;
  w: number;
  /** the whisker: mean ± std */
  lo: number;
  hi: number;
  text: string;
}

/** importanceBars lays the importances out in a width-wide box: a bar from the zero axis to
 * the mean (left of it when shuffling helped) and a whisker of ± one standard deviation. */
export function importanceBars(im: Importance[], width: number): { zero: number; bars: ImportanceBar[] } {
  const lo = Math.min(0, ...im.map((i) => i.mean - i.std));
  const hi = Math.max(0, ...im.map((i) => i.mean + i.std));
  const span = hi - lo || 1;
  const x = (v: number) => ((v - lo) / span) * width;
  const zero = x(0);
  const bars = im.map((i) => ({
    feature: i.feature,
    x: Math.min(zero, x(i.mean)),
    w: Math.abs(x(i.mean) - zero),
    lo: x(i.mean - i.std),
    hi: x(i.mean + i.std),
    text: `${score(i.mean)} ± ${score(i.std)}`,
  }));
  return { zero, bars };
}

export interface GroupRow {
  group: string;
  rows: string;
  cells: string[];
  worst: boolean;
}

/** groupTable is the metrics per group with the worst group flagged (lowest accuracy, or
 * highest RMSE for regression); nothing is flagged when fewer than two groups differ. */
export function groupTable(c: ModelCard): { columns: string[]; rows: GroupRow[] } {
  const reg = isRegression(c);
  const keys: (keyof Metrics | 'macro_f1')[] = reg ? ['rmse', 'mae', 'r2'] : ['accuracy', 'macro_f1', 'auc', 'log_loss'];
  const value = (m: Metrics | null, k: string): number | undefined =>
    k === 'macro_f1' ? m?.report?.macro?.f1 : (m?.[k as MetricKey] as number | undefined);
  const key = reg ? 'rmse' : 'accuracy';
  const vals = c.groups.map((g) => value(g.metrics, key)).filter((v): v is number => v !== undefined);
  const worst = vals.length ? (reg ? Math.max(...vals) : Math.min(...vals)) : undefined;
  const differ = new Set(vals).size > 1;
  return {
    columns: keys.map((k) => (k === 'macro_f1' ? 'macro F1' : LABELS[k as MetricKey])),
    rows: c.groups.map((g) => ({
      group: g.group,
      rows: g.metrics?.rows === undefined ? '—' : count(g.metrics.rows),
      cells: keys.map((k) => score(value(g.metrics, k))),
      worst: differ && value(g.metrics, key) === worst,
    })),
  };
}

/** featureRows are the features as the card lists them: kind, type, known categories, missing share. */
export function featureRows(c: ModelCard): { name: string; kind: string; type: string; categories: string; missing: string }[] {
  return c.features.map((f) => ({
    name: f.name,
    kind: f.kind,
    type: f.type,
    categories: f.categories === undefined ? '' : count(f.categories),
    missing: f.missing === undefined ? '—' : percent(f.missing),
  }));
}

/** created writes the training time as "2026-11-27 03:08 UTC"; '' for none or Go's zero time. */
export function created(iso: string): string {
  const d = new Date(iso);
  if (!iso || Number.isNaN(d.getTime()) || d.getUTCFullYear() <= 1) return '';
  return d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

/** provenance is the card's "where it came from" line: data hash (shortened), seed, versions. */
export function provenance(c: ModelCard): string {
  const parts: string[] = [];
  if (c.data_hash) parts.push(`data ${c.data_hash.replace(/^(sha256:[0-9a-f]{12})[0-9a-f]+$/, '$1…')}`);
  if (c.seed) parts.push(`seed ${c.seed}`);
  if (c.versions.cairn) parts.push(`cairn ${c.versions.cairn.length === 40 ? c.versions.cairn.slice(0, 12) : c.versions.cairn}`);
  if (c.versions.go) parts.push(c.versions.go);
  if (c.versions.format !== undefined) parts.push(`format ${c.versions.format}`);
  return parts.join(' · ');
}
