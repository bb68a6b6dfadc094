// The live CodeMirror views by cell id, so that keyboard commands can focus a cell's editor or
// read its cursor (split at cursor) without reaching into components.
import type { EditorView } from '@codemirror/view';

export const views = new Map<string, EditorView>();

export function focusEditor(id: string): boolean {
  const v = views.get(id);
  if (!v) return false;
  v.focus();
  return true;
}

/** cursor returns the cell's cursor offset in UTF-16 code units (what /split expects). */
export function cursor(id: string): number | null {
  return views.get(id)?.state.selection.main.head ?? null;
}
