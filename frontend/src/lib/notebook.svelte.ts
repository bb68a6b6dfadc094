// The notebook state the views render: the server's snapshot kept current by its events, plus
// what only this page knows (selection, mode, edits not yet sent). Every change goes through
// the api module; edits are sent debounced and flushed before anything that reads them.
import { api, ApiError, errorText, subscribe, type Subscription } from './api';
import { applyEvent } from './merge';
import type { Cell, Snapshot } from './types';

const EDIT_DELAY_MS = 300;

export type Mode = 'command' | 'edit';

class NotebookStore {
  nb = $state<Snapshot>({ path: '', dir: '', title: '', dirty: false, kernel: { state: 'starting' }, cells: [] });
  loaded = $state(false);
  connected = $state(false);
  selected = $state<string | null>(null);
  mode = $state<Mode>('command');
  /** Markdown cells shown as editors rather than rendered. */
  editingMarkdown = $state<Record<string, boolean>>({});
  /** The last failure of a request, shown in a banner until dismissed. */
  problem = $state<string | null>(null);
  /** Edits typed but not yet acknowledged by the server. */
  unsent = $state(0);

  private pending = new Map<string, string>();
  private timers = new Map<string, ReturnType<typeof setTimeout>>();
  private sub: Subscription | null = null;

  start(): void {
    this.sub = subscribe(
      (ev) => {
        applyEvent(this.nb, ev, this.pending);
        if (ev.type === 'snapshot') this.afterSnapshot();
        if (ev.type === 'save_failed') this.problem = `could not save ${ev.data.path}: ${ev.data.error}`;
      },
      (ok) => (this.connected = ok),
      (reconnect) => {
        if (reconnect) void this.reload();
      },
    );
    void this.reload().then(() => this.attempt(() => api.client('notebook')));
  }

  stop(): void {
    this.sub?.close();
  }

  async reload(): Promise<void> {
    await this.attempt(async () => {
      applyEvent(this.nb, { type: 'snapshot', data: await api.notebook() }, this.pending);
      this.afterSnapshot();
    });
  }

  private afterSnapshot(): void {
    this.loaded = true;
    if (!this.cell(this.selected ?? '')) this.selected = this.nb.cells[0]?.id ?? null;
  }

  cell(id: string): Cell | undefined {
    return this.nb.cells.find((c) => c.id === id);
  }

  index(id: string): number {
    return this.nb.cells.findIndex((c) => c.id === id);
  }

  /** attempt runs a request and turns its failure into the problem banner. */
  async attempt<T>(f: () => Promise<T>): Promise<T | undefined> {
    try {
      return await f();
    } catch (e) {
      this.problem = errorText(e);
      return undefined;
    }
  }

  edit(id: string, source: string): void {
    const c = this.cell(id);
    if (!c || c.source === source) return;
    c.source = source;
    this.pending.set(id, source);
    this.unsent = this.pending.size;
    clearTimeout(this.timers.get(id));
    this.timers.set(id, setTimeout(() => void this.flush(id), EDIT_DELAY_MS));
  }

  /** flush sends the pending edit of one cell, or of all cells. */
  async flush(id?: string): Promise<void> {
    const ids = id ? [id] : [...this.pending.keys()];
    await Promise.all(
      ids.map(async (i) => {
        const src = this.pending.get(i);
        clearTimeout(this.timers.get(i));
        if (src === undefined) return;
        try {
          await api.patchCell(i, { source: src });
          // A newer edit typed while the request was in flight stays pending.
          if (this.pending.get(i) === src) this.pending.delete(i);
        } catch (e) {
          this.problem = errorText(e);
          // Refused (the cell is gone): drop it. Unreachable server: keep it and try again.
          if (e instanceof ApiError && e.status >= 400 && e.status < 500) this.pending.delete(i);
          else this.timers.set(i, setTimeout(() => void this.flush(i), 2000));
        }
        this.unsent = this.pending.size;
      }),
    );
  }

  hasUnsaved(): boolean {
    return this.unsent > 0 || this.nb.dirty;
  }

  async run(ids: string[]): Promise<void> {
    const code = ids.filter((i) => this.cell(i)?.kind === 'code');
    for (const i of ids) if (this.cell(i)?.kind === 'markdown') this.editingMarkdown[i] = false;
    if (!code.length) return;
    await this.flush();
    await this.attempt(() => api.run({ ids: code }));
  }

  async runAll(): Promise<void> {
    this.editingMarkdown = {};
    await this.flush();
    await this.attempt(() => api.run({ all: true }));
  }

  async runAbove(id: string): Promise<void> {
    await this.flush();
    await this.attempt(() => api.run({ above: id }));
  }

  interrupt = () => this.attempt(() => api.interrupt());
  restart = () => this.attempt(() => api.restart());

  async save(): Promise<void> {
    await this.flush();
    await this.attempt(() => api.save());
  }

  async saveAs(path: string): Promise<boolean> {
    await this.flush();
    return (await this.attempt(() => api.saveAs(path).then(() => true))) ?? false;
  }

  async open(path: string): Promise<boolean> {
    await this.flush();
    const ok = (await this.attempt(() => api.open(path).then(() => true))) ?? false;
    if (ok) {
      this.editingMarkdown = {};
      await this.reload();
    }
    return ok;
  }

  /** insert adds a cell at index and selects it; Markdown cells open in their editor. */
  async insert(index: number, kind: 'code' | 'markdown', lang: string, source = ''): Promise<string | undefined> {
    const res = await this.attempt(() => api.insertCell(index, kind, lang, source));
    if (!res) return undefined;
    if (!this.cell(res.id)) {
      this.nb.cells.splice(index, 0, { id: res.id, kind, lang, source, state: 'idle', outputs: [] });
    }
    if (kind === 'markdown') this.editingMarkdown[res.id] = true;
    this.selected = res.id;
    return res.id;
  }

  async remove(id: string): Promise<void> {
    const i = this.index(id);
    if (i < 0) return;
    this.pending.delete(id);
    clearTimeout(this.timers.get(id));
    this.unsent = this.pending.size;
    if (!(await this.attempt(() => api.deleteCell(id).then(() => true)))) return;
    const j = this.index(id);
    if (j >= 0) this.nb.cells.splice(j, 1);
    if (this.selected === id) this.selected = this.nb.cells[Math.min(i, this.nb.cells.length - 1)]?.id ?? null;
  }

  async move(id: string, delta: number): Promise<void> {
    const from = this.index(id);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= this.nb.cells.length) return;
    if (!(await this.attempt(() => api.moveCell(id, to).then(() => true)))) return;
    const now = this.index(id);
    if (now === from) {
      const [c] = this.nb.cells.splice(from, 1);
      this.nb.cells.splice(to, 0, c);
    }
  }

  async split(id: string, offset: number): Promise<void> {
    await this.flush(id);
    const res = await this.attempt(() => api.splitCell(id, offset));
    if (!res) return;
    await this.reload();
    this.selected = res.id;
  }

  /** setType turns a cell into Go, SQL or Markdown. */
  async setType(id: string, type: 'go' | 'sql' | 'markdown'): Promise<void> {
    const c = this.cell(id);
    if (!c) return;
    const kind = type === 'markdown' ? 'markdown' : 'code';
    const lang = type === 'markdown' ? '' : type;
    if (c.kind === kind && c.lang === lang) return;
    await this.flush(id);
    if (!(await this.attempt(() => api.patchCell(id, { kind, lang }).then(() => true)))) return;
    c.kind = kind;
    c.lang = lang;
  }
}

export const store = new NotebookStore();
