// Chooses how to show an output: the richest MIME type this page can render, else text/plain.
import { ECHARTS_MIME } from './chart';
import { MODEL_MIME, parseModelCard, type ModelCard } from './modelcard';
import { parseProfile, PROFILE_MIME, type ProfileData } from './profile';
import { parseTable, TABLE_MIME } from './table';
import type { Output, TableData } from './types';
import { jsonObject } from './payload';

export const PROGRESS_MIME = 'application/vnd.cairn.progress+json';

export type Shown =
  | { as: 'text'; text: string; stream?: string; error?: boolean }
  | { as: 'html'; html: string }
  | { as: 'markdown'; src: string }
  | { as: 'image'; src: string }
  | { as: 'progress'; p: Progress }
  | { as: 'table'; t: TableData }
  | { as: 'profile'; p: ProfileData }
  | { as: 'chart'; option: unknown }
  | { as: 'model'; card: ModelCard };

export interface Progress {
  label: string;
  done: number;
  total: number;
  elapsed_ms: number;
  eta_ms: number;
}

export function show(o: Output): Shown {
  if (o.kind === 'stream') return { as: 'text', text: o.text ?? '', stream: o.name ?? 'stdout' };
  if (o.kind === 'error') return { as: 'text', text: o.text ?? str(o.data?.['text/plain']), error: true };
  const d = o.data ?? {};
  if (d[PROGRESS_MIME] !== undefined) {
    const p = progress(d[PROGRESS_MIME]);
    if (p) return { as: 'progress', p };
  }
  if (d[TABLE_MIME] !== undefined) {
    const t = parseTable(d[TABLE_MIME]);
    if (t) return { as: 'table', t };
  }
  if (d[PROFILE_MIME] !== undefined) {
    const p = parseProfile(d[PROFILE_MIME]);
    if (p) return { as: 'profile', p };
  }
  if (d[ECHARTS_MIME] !== undefined) return { as: 'chart', option: d[ECHARTS_MIME] };
  const card = d[MODEL_MIME] !== undefined ? parseModelCard(d[MODEL_MIME]) : null;
  if (card) return { as: 'model', card };
  if (typeof d['text/html'] === 'string') return { as: 'html', html: d['text/html'] };
  if (typeof d['image/svg+xml'] === 'string') return { as: 'image', src: 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(d['image/svg+xml']) };
  if (typeof d['image/png'] === 'string') return { as: 'image', src: 'data:image/png;base64,' + d['image/png'] };
  if (typeof d['image/jpeg'] === 'string') return { as: 'image', src: 'data:image/jpeg;base64,' + d['image/jpeg'] };
  if (typeof d['text/markdown'] === 'string') return { as: 'markdown', src: d['text/markdown'] };
  if (d['text/plain'] !== undefined) return { as: 'text', text: str(d['text/plain']) };
  if (o.text !== undefined) return { as: 'text', text: o.text };
  const first = Object.values(d)[0];
  return { as: 'text', text: first === undefined ? '' : str(first) };
}

/** progress reads a progress payload sent either as JSON text or as an object. */
export function progress(v: unknown): Progress | null {
  const r = jsonObject(v);
  if (!r) return null;
  const num = (k: string) => (typeof r[k] === 'number' ? (r[k] as number) : 0);
  return { label: typeof r.label === 'string' ? r.label : '', done: num('done'), total: num('total'), elapsed_ms: num('elapsed_ms'), eta_ms: num('eta_ms') };
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v, null, 2);
}

/** duration formats milliseconds the way the cell header shows them. */
export function duration(ms: number | undefined): string {
  if (ms === undefined || ms === null) return '';
  if (ms < 1) return '<1 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const m = Math.floor(ms / 60_000);
  return `${m} m ${Math.round((ms % 60_000) / 1000)} s`;
}
