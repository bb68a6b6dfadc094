// Folds server events into a snapshot in place. Pure data: the store calls it on its reactive
// state, the unit tests on plain objects.
import type { Cell, CellError, Kernel, Output, Snapshot } from './types';

export type ServerEvent =
  | { type: 'snapshot'; data: Snapshot }
  | { type: 'cell'; data: { id: string; state: Cell['state']; exec_count?: number; duration_ms?: number; error?: CellError | null } }
  | { type: 'output'; data: { id: string; output: Output } }
  | { type: 'update_display'; data: { id: string; display_id: string; output: Output } }
  | { type: 'clear_outputs'; data: { id: string } }
  | { type: 'kernel'; data: Kernel }
  | { type: 'saved'; data: { path: string; dirty: boolean } }
  | { type: 'dirty'; data: { dirty: boolean } }
  | { type: 'save_failed'; data: { path: string; error: string } };

/**
 * applyEvent updates nb for one event. keepSource maps the ids of cells with local edits not yet
 * acknowledged by the server to their text, so that a snapshot does not undo what was typed.
 */
export function applyEvent(nb: Snapshot, ev: ServerEvent, keepSource: Map<string, string> = new Map()): void {
  switch (ev.type) {
    case 'snapshot': {
      const s = ev.data;
      for (const c of s.cells) {
        c.outputs ??= [];
        const mine = keepSource.get(c.id);
        if (mine !== undefined) c.source = mine;
      }
      Object.assign(nb, s);
      return;
    }
    case 'cell': {
      const c = find(nb, ev.data.id);
      if (!c) return;
      c.state = ev.data.state;
      if (ev.data.exec_count !== undefined) c.exec_count = ev.data.exec_count;
      if (ev.data.duration_ms !== undefined) c.duration_ms = ev.data.duration_ms;
      c.error = ev.data.error ?? null;
      return;
    }
    case 'output': {
      const c = find(nb, ev.data.id);
      if (c) appendOutput(c, ev.data.output);
      return;
    }
    case 'update_display':
      updateDisplay(nb, ev.data.id, ev.data.display_id, ev.data.output);
      return;
    case 'clear_outputs': {
      const c = find(nb, ev.data.id);
      if (c) c.outputs = [];
      return;
    }
    case 'kernel':
      nb.kernel = { state: ev.data.state, reason: ev.data.reason ?? '' };
      return;
    case 'saved':
      if (ev.data.path) nb.path = ev.data.path;
      nb.dirty = false;
      return;
    case 'dirty':
      nb.dirty = ev.data.dirty;
      return;
    case 'save_failed':
      nb.dirty = true; // the store shows the error; the edits stay in memory
      return;
  }
}

/** appendOutput adds an output; a stream chunk joins the previous output of the same stream. */
export function appendOutput(c: Cell, out: Output): void {
  const last = c.outputs[c.outputs.length - 1];
  if (out.kind === 'stream' && last?.kind === 'stream' && last.name === out.name) {
    last.text = (last.text ?? '') + (out.text ?? '');
    return;
  }
  c.outputs.push({ ...out });
}

/**
 * updateDisplay replaces every output carrying displayId, first in the named cell, else in any
 * cell (a later cell may update an earlier cell's display). An unknown id changes nothing.
 */
function updateDisplay(nb: Snapshot, id: string, displayId: string, out: Output): void {
  const replaceIn = (c: Cell): boolean => {
    let hit = false;
    c.outputs.forEach((o, i) => {
      if (o.display_id === displayId) {
        c.outputs[i] = { ...out, display_id: displayId };
        hit = true;
      }
    });
    return hit;
  };
  const own = find(nb, id);
  if (own && replaceIn(own)) return;
  for (const c of nb.cells) if (c !== own) replaceIn(c);
}

function find(nb: Snapshot, id: string): Cell | undefined {
  return nb.cells.find((c) => c.id === id);
}
