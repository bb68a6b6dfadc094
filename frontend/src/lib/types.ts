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
  /** The fence's options (bind=df on a SQL cell); absent when none. */
  options?: Record<string, string>;
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
  query?: string; // a SQL cell's statement that made the result (the kernel's split)
}

export interface TableSort {
  by: string;
  desc: boolean;
}

/** A table or view in the kernel's DuckDB (GET /api/tables); rows is -1 for a view. */
export interface TableInfo {
  name: string;
  kind: 'table' | 'view';
  columns: number;
  rows: number;
}

/** A model variable in the kernel (GET /api/models). */
export interface ModelInfo {
  name: string;
  kind: string;
  task: string;
  target: string;
}

/** What POST /api/export wrote. */
export interface ExportResult {
  path: string;
  size: number;
  target: string;
}

/** The platforms a model service can be exported for (GOOS/GOARCH). */
export const EXPORT_TARGETS = ['linux/amd64', 'linux/arm64', 'darwin/amd64', 'darwin/arm64', 'windows/amd64'] as const;
