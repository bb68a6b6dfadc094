// The shapes of the backend contract (GET /api/notebook and the SSE events).

export type CellState = 'idle' | 'queued' | 'running' | 'done' | 'error';
export type KernelState = 'starting' | 'idle' | 'busy' | 'dead';
export type CellKind = 'code' | 'markdown';

export interface Output {
  kind: 'stream' | 'result' | 'display' | 'error';
  name?: 'stdout' | 'stderr';
  text?: string;
  /** MIME type → content; JSON types may arrive as a string or as an object. */
  data?: Record<string, unknown>;
  display_id?: string;
}

export interface CellError {
  kind: string;
  msg: string;
  line?: number;
  col?: number;
}

export interface Cell {
  id: string;
  kind: CellKind;
  lang: string;
  source: string;
  state: CellState;
  exec_count?: number;
  duration_ms?: number;
  error?: CellError | null;
  outputs: Output[];
}

export interface Kernel {
  state: KernelState;
  reason?: string;
}

export interface Snapshot {
  path: string;
  dir: string;
  title: string;
  dirty: boolean;
  kernel: Kernel;
  cells: Cell[];
}

export interface FileEntry {
  name: string;
  path: string;
  notebook: boolean;
}

export interface FileList {
  dir: string;
  files: FileEntry[];
}

export type RunTarget = { ids: string[] } | { all: true } | { above: string };

/** A result table (application/vnd.cairn.table+json): one page of a table the kernel holds. */
export interface TableData {
  handle: string;
  columns: { name: string; type: string }[];
  rows: number;
  offset: number;
  limit: number;
  sort: TableSort | null;
  page: unknown[][];
}

export interface TableSort {
  by: string;
  desc: boolean;
}
