// Jupyter's command-mode keys. Edit-mode keys live in the editor (lib/editor.ts); this handler
// sees only keys typed outside an editor or input.
import * as cmd from './commands';
import { store } from './notebook.svelte';

let lastD = 0;

/** onKey handles one keydown on the window; it returns true when it used the key. */
export function onKey(e: KeyboardEvent, openHelp: () => void): boolean {
  if (e.defaultPrevented) return false; // the editor used it (its Ctrl+S, say)
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
    e.preventDefault();
    void store.save();
    return true;
  }
  const t = e.target as HTMLElement | null;
  if (t && (t.closest('.cm-editor') || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) || t.closest('[role=dialog]'))) return false;
  if (e.altKey || e.ctrlKey || e.metaKey) {
    const id = store.selected;
    if (id && e.key === 'Enter') {
      e.preventDefault();
      void (e.altKey ? cmd.runInsert(id) : cmd.run(id));
      return true;
    }
    return false;
  }
  const id = store.selected;
  const i = store.index(id ?? '');
  const act = (f: () => unknown) => {
    e.preventDefault();
    void f();
    return true;
  };
  if (e.key !== 'd' && e.key !== 'D') lastD = 0;
  switch (e.key) {
    case 'Enter':
      if (!id) return false;
      return act(() => (e.shiftKey ? cmd.runAdvance(id) : cmd.edit(id)));
    case 'Escape':
      return act(() => cmd.command());
    case 'ArrowUp':
    case 'k':
    case 'K':
      return act(() => cmd.selectBy(-1));
    case 'ArrowDown':
    case 'j':
    case 'J':
      return act(() => cmd.selectBy(1));
    case 'a':
    case 'A':
      return act(() => cmd.insertAt(i < 0 ? 0 : i, 'code'));
    case 'b':
    case 'B':
      return act(() => cmd.insertAt(i + 1, 'code'));
    case 'm':
    case 'M':
      return id ? act(() => store.setType(id, 'markdown')) : false;
    case 'y':
    case 'Y': {
      const c = id ? store.cell(id) : undefined;
      return id ? act(() => store.setType(id, c?.lang === 'sql' ? 'sql' : 'go')) : false;
    }
    case 'd':
    case 'D': {
      if (!id) return false;
      const now = Date.now();
      if (now - lastD < 800) {
        lastD = 0;
        return act(() => store.remove(id));
      }
      lastD = now;
      e.preventDefault();
      return true;
    }
    case 'h':
    case 'H':
    case '?':
      return act(openHelp);
  }
  return false;
}
