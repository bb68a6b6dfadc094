import { describe, expect, it } from 'vitest';
import { applyEvent } from './merge';
import type { Snapshot } from './types';

function nb(): Snapshot {
  return {
    path: '/tmp/a.cairn.md',
    dir: '/tmp',
    title: 'A',
    dirty: false,
    kernel: { state: 'idle' },
    cells: [
      { id: 'a', kind: 'code', lang: 'go', source: 'x', state: 'idle', outputs: [] },
      { id: 'b', kind: 'code', lang: 'go', source: 'y', state: 'idle', outputs: [] },
    ],
  };
}

describe('output merging', () => {
  it('joins stream chunks of the same stream into one output', () => {
    const s = nb();
    applyEvent(s, { type: 'output', data: { id: 'a', output: { kind: 'stream', name: 'stdout', text: 'one\n' } } });
    applyEvent(s, { type: 'output', data: { id: 'a', output: { kind: 'stream', name: 'stdout', text: 'two\n' } } });
    expect(s.cells[0].outputs).toEqual([{ kind: 'stream', name: 'stdout', text: 'one\ntwo\n' }]);
  });

  it('keeps stdout and stderr, and chunks split by another output, apart', () => {
    const s = nb();
    const out = (o: object) => applyEvent(s, { type: 'output', data: { id: 'a', output: o as never } });
    out({ kind: 'stream', name: 'stdout', text: 'a' });
    out({ kind: 'stream', name: 'stderr', text: 'b' });
    out({ kind: 'stream', name: 'stderr', text: 'c' });
    out({ kind: 'result', data: { 'text/plain': '42' } });
    out({ kind: 'stream', name: 'stderr', text: 'd' });
    expect(s.cells[0].outputs.map((o) => o.text ?? o.data?.['text/plain'])).toEqual(['a', 'bc', '42', 'd']);
    expect(s.cells[1].outputs).toEqual([]);
  });

  it('does not alias the event object it merges into', () => {
    const s = nb();
    const first = { kind: 'stream' as const, name: 'stdout' as const, text: 'a' };
    applyEvent(s, { type: 'output', data: { id: 'a', output: first } });
    applyEvent(s, { type: 'output', data: { id: 'a', output: { kind: 'stream', name: 'stdout', text: 'b' } } });
    expect(first.text).toBe('a');
  });

  it('replaces a display in place on update_display, in its own cell or another', () => {
    const s = nb();
    const disp = (id: string, v: string) => ({ kind: 'display' as const, display_id: id, data: { 'text/plain': v } });
    applyEvent(s, { type: 'output', data: { id: 'a', output: { kind: 'stream', name: 'stdout', text: 'before' } } });
    applyEvent(s, { type: 'output', data: { id: 'a', output: disp('p', '10%') } });
    applyEvent(s, { type: 'output', data: { id: 'a', output: { kind: 'stream', name: 'stdout', text: 'after' } } });
    applyEvent(s, { type: 'update_display', data: { id: 'a', display_id: 'p', output: disp('p', '50%') } });
    expect(s.cells[0].outputs.map((o) => o.text ?? o.data?.['text/plain'])).toEqual(['before', '50%', 'after']);
    // A later cell updating the first cell's display.
    applyEvent(s, { type: 'update_display', data: { id: 'b', display_id: 'p', output: disp('p', '100%') } });
    expect(s.cells[0].outputs[1].data?.['text/plain']).toBe('100%');
    expect(s.cells[1].outputs).toEqual([]);
  });

  it('ignores an update_display for an unknown display and events for unknown cells', () => {
    const s = nb();
    const before = JSON.stringify(s);
    applyEvent(s, { type: 'update_display', data: { id: 'a', display_id: 'nope', output: { kind: 'display', data: {} } } });
    applyEvent(s, { type: 'output', data: { id: 'zz', output: { kind: 'stream', name: 'stdout', text: 'x' } } });
    applyEvent(s, { type: 'cell', data: { id: 'zz', state: 'done' } });
    expect(JSON.stringify(s)).toBe(before);
  });

  it('clears outputs and tracks cell state, kernel, dirty and saved', () => {
    const s = nb();
    applyEvent(s, { type: 'output', data: { id: 'a', output: { kind: 'stream', name: 'stdout', text: 'x' } } });
    applyEvent(s, { type: 'clear_outputs', data: { id: 'a' } });
    expect(s.cells[0].outputs).toEqual([]);
    applyEvent(s, { type: 'cell', data: { id: 'a', state: 'error', exec_count: 3, duration_ms: 1.5, error: { kind: 'compile', msg: 'bad', line: 2, col: 5 } } });
    expect(s.cells[0]).toMatchObject({ state: 'error', exec_count: 3, duration_ms: 1.5, error: { line: 2 } });
    applyEvent(s, { type: 'cell', data: { id: 'a', state: 'running' } });
    expect(s.cells[0].error).toBeNull();
    expect(s.cells[0].exec_count).toBe(3);
    applyEvent(s, { type: 'kernel', data: { state: 'dead', reason: 'out of memory' } });
    expect(s.kernel).toEqual({ state: 'dead', reason: 'out of memory' });
    applyEvent(s, { type: 'dirty', data: { dirty: true } });
    expect(s.dirty).toBe(true);
    applyEvent(s, { type: 'saved', data: { path: '/tmp/b.cairn.md', dirty: false } });
    expect(s).toMatchObject({ dirty: false, path: '/tmp/b.cairn.md' });
  });

  it('takes a snapshot whole but keeps the text of cells with unsent edits', () => {
    const s = nb();
    const next = nb();
    next.cells[0].source = 'server a';
    next.cells[1].source = 'server b';
    next.cells.push({ id: 'c', kind: 'markdown', lang: '', source: '# hi', state: 'idle', outputs: undefined as never });
    applyEvent(s, { type: 'snapshot', data: next }, new Map([['b', 'typed b']]));
    expect(s.cells.map((c) => c.source)).toEqual(['server a', 'typed b', '# hi']);
    expect(s.cells[2].outputs).toEqual([]);
  });
});
