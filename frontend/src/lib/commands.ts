// The notebook's commands, shared by the buttons, the editor keys and command-mode keys.
import { tick } from 'svelte';
import { store } from './notebook.svelte';
import { cursor, focusEditor, views } from './views';

/** edit enters edit mode on a cell: its editor gets the focus (Markdown shows its source). */
export async function edit(id: string): Promise<void> {
  const c = store.cell(id);
  if (!c) return;
  store.selected = id;
  store.mode = 'edit';
  if (c.kind === 'markdown') store.editingMarkdown[id] = true;
  await tick();
  focusEditor(id);
}

/** command leaves the editor for command mode, keeping the cell selected. */
export function command(): void {
  store.mode = 'command';
  const id = store.selected;
  if (id) views.get(id)?.contentDOM.blur();
  document.querySelector<HTMLElement>(`[data-cell="${CSS.escape(id ?? '')}"]`)?.focus();
}

export function select(id: string | null | undefined): void {
  if (!id) return;
  store.selected = id;
  document.querySelector<HTMLElement>(`[data-cell="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'nearest' });
}

export function selectBy(delta: number): void {
  const i = store.index(store.selected ?? '');
  const next = store.nb.cells[Math.max(0, Math.min(store.nb.cells.length - 1, i + delta))];
  select(next?.id);
}

export function run(id: string): Promise<void> {
  return store.run([id]);
}

/** runAdvance runs the cell and selects the next one, adding a code cell after the last. */
export async function runAdvance(id: string): Promise<void> {
  const p = store.run([id]);
  const i = store.index(id);
  const next = store.nb.cells[i + 1];
  if (next) {
    select(next.id);
    command();
  } else {
    await insertAt(i + 1, 'code');
  }
  await p;
}

export async function runInsert(id: string): Promise<void> {
  const p = store.run([id]);
  await insertAt(store.index(id) + 1, 'code');
  await p;
}

/** insertAt adds a cell and opens it for editing; code cells take the language of the selection. */
export async function insertAt(index: number, kind: 'code' | 'markdown'): Promise<void> {
  const near = store.cell(store.selected ?? '');
  const lang = kind === 'markdown' ? '' : near?.kind === 'code' && near.lang ? near.lang : 'go';
  const id = await store.insert(Math.max(0, index), kind, lang);
  if (id) await edit(id);
}

export async function split(id: string): Promise<void> {
  const at = cursor(id) ?? store.cell(id)?.source.length ?? 0;
  await store.split(id, at);
  const nid = store.selected;
  if (nid && nid !== id) await edit(nid);
}

export function keysFor(id: string) {
  return {
    run: () => void run(id),
    runAdvance: () => void runAdvance(id),
    runInsert: () => void runInsert(id),
    leave: () => {
      if (store.cell(id)?.kind === 'markdown') store.editingMarkdown[id] = false;
      command();
    },
    save: () => void store.save(),
  };
}
