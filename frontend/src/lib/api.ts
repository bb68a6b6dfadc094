// The only module that talks to the server: JSON requests and the Server-Sent Events stream.
// URLs are relative so the same bundle works under `cairn serve` and inside the Wails window.
import type { ExportResult, FileList, ModelInfo, RunTarget, Snapshot, TableData, TableInfo } from './types';
import type { ServerEvent } from './merge';
import type { ProfileData } from './profile';

/** ApiError carries the server's {"error": …} message and the HTTP status. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** errorText is what to show of a failure: an Error's message, else the value as text. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

async function call<T = void>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) {
    let msg = `${method} ${path}: HTTP ${res.status}`;
    try {
      const j = await res.json();
      if (j && typeof j.error === 'string') msg = j.error;
    } catch {
      // not JSON: keep the status line
    }
    throw new ApiError(msg, res.status);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  notebook: () => call<Snapshot>('GET', 'api/notebook'),
  insertCell: (index: number, kind: string, lang: string, source = '') =>
    call<{ id: string }>('POST', 'api/cells', { index, kind, lang, source }),
  patchCell: (id: string, patch: { source?: string; kind?: string; lang?: string }) =>
    call('PATCH', `api/cells/${encodeURIComponent(id)}`, patch),
  deleteCell: (id: string) => call('DELETE', `api/cells/${encodeURIComponent(id)}`),
  moveCell: (id: string, index: number) => call('POST', `api/cells/${encodeURIComponent(id)}/move`, { index }),
  splitCell: (id: string, offset: number) =>
    call<{ id: string }>('POST', `api/cells/${encodeURIComponent(id)}/split`, { offset }),
  run: (target: RunTarget) => call('POST', 'api/run', target),
  interrupt: () => call('POST', 'api/interrupt', {}),
  restart: () => call('POST', 'api/restart', {}),
  save: () => call('POST', 'api/save', {}),
  saveAs: (path: string) => call('POST', 'api/save-as', { path }),
  files: () => call<FileList>('GET', 'api/files'),
  open: (path: string) => call('POST', 'api/open', { path }),
  client: (page: string) => call('POST', 'api/client', { page }),
  /** table fetches one page of a kernel result table; sort by '' keeps the result's order. */
  table: (handle: string, offset: number, limit: number, sortBy: string, desc: boolean) =>
    call<TableData>('GET', 'api/table?' + new URLSearchParams({ handle, offset: String(offset), limit: String(limit), sort: sortBy, desc: desc ? '1' : '0' })),
  /** profile fetches the column profile of a kernel result table. */
  profile: (handle: string) => call<ProfileData>('GET', 'api/profile?' + new URLSearchParams({ handle })),
  /** models lists the kernel's *ml.Model variables, which can be exported as services. */
  models: () => call<ModelInfo[]>('GET', 'api/models'),
  /** exportModel writes the model's standalone service binary; target '' is this machine's. */
  exportModel: (model: string, path: string, target: string) =>
    call<ExportResult>('POST', 'api/export', { model, path, target }),
  /** tables lists the tables and views that cells made in the kernel's DuckDB. */
  tables: () => call<TableInfo[]>('GET', 'api/tables'),
  /** tableProfile fetches the column profile of a table or view by name. */
  tableProfile: (table: string) => call<ProfileData>('GET', 'api/profile?' + new URLSearchParams({ table })),
};

export const eventTypes = ['snapshot', 'cell', 'output', 'update_display', 'clear_outputs', 'kernel', 'saved', 'dirty', 'save_failed'] as const;

export interface Subscription {
  close(): void;
}

/**
 * subscribe opens the event stream and keeps it open: when the browser gives up on it (server
 * restarted, error status) it reconnects with a growing delay. onConnected runs on every
 * (re)connect so the caller can re-read the snapshot of what it missed.
 */
export function subscribe(
  onEvent: (ev: ServerEvent) => void,
  onStatus: (connected: boolean) => void,
  onConnected: (reconnect: boolean) => void = () => {},
): Subscription {
  let es: EventSource | null = null;
  let closed = false;
  let delay = 250;
  let opened = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const connect = () => {
    es = new EventSource('api/events', { withCredentials: true });
    es.onopen = () => {
      delay = 250;
      onStatus(true);
      onConnected(opened);
      opened = true;
    };
    es.onerror = () => {
      onStatus(false);
      // EventSource retries by itself unless it closed (an HTTP error): then we retry.
      if (es?.readyState === EventSource.CLOSED && !closed) {
        es.close();
        timer = setTimeout(connect, delay);
        delay = Math.min(delay * 2, 5000);
      }
    };
    for (const type of eventTypes) {
      es.addEventListener(type, (e) => {
        let data: unknown;
        try {
          data = JSON.parse((e as MessageEvent).data);
        } catch {
          console.warn('cairn: bad event data', type);
          return;
        }
        onEvent({ type, data } as ServerEvent);
      });
    }
  };
  connect();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      es?.close();
    },
  };
}
