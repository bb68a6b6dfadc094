import { describe, expect, it } from 'vitest';
import { duration, PROGRESS_MIME, show } from './outputs';
import { PROFILE_MIME } from './profile';
import { TABLE_MIME } from './table';

describe('choosing how to show an output', () => {
  it('prefers the richest type it knows and falls back to text/plain', () => {
    expect(show({ kind: 'result', data: { 'text/plain': 't', 'text/html': '<b>h</b>' } })).toEqual({ as: 'html', html: '<b>h</b>' });
    expect(show({ kind: 'display', data: { 'text/plain': 'plain', 'application/x-unknown': '?' } })).toEqual({ as: 'text', text: 'plain' });
    expect(show({ kind: 'display', data: { 'image/png': 'AAAA' } })).toEqual({ as: 'image', src: 'data:image/png;base64,AAAA' });
    expect(show({ kind: 'stream', name: 'stderr', text: 'e' })).toEqual({ as: 'text', text: 'e', stream: 'stderr' });
  });

  it('reads progress sent as JSON text or as an object; bad JSON falls back to text', () => {
    const p = { label: 'rows', done: 5, total: 10, elapsed_ms: 1000, eta_ms: 1000 };
    expect(show({ kind: 'display', data: { [PROGRESS_MIME]: JSON.stringify(p) } })).toEqual({ as: 'progress', p });
    expect(show({ kind: 'display', data: { [PROGRESS_MIME]: p } })).toEqual({ as: 'progress', p });
    expect(show({ kind: 'display', data: { [PROGRESS_MIME]: '{bad', 'text/plain': '5/10' } })).toEqual({ as: 'text', text: '5/10' });
  });

  it('shows a table payload as a table, and a malformed one as its text', () => {
    const t = { handle: 'r1', columns: [{ name: 'x', type: 'BIGINT' }], rows: 1, offset: 0, limit: 50, sort: null, page: [[1]] };
    expect(show({ kind: 'result', data: { [TABLE_MIME]: JSON.stringify(t), 'text/plain': 'x\n1' } })).toEqual({ as: 'table', t });
    expect(show({ kind: 'result', data: { [TABLE_MIME]: '{bad', 'text/plain': 'x\n1' } })).toEqual({ as: 'text', text: 'x\n1' });
  });

  it('shows a profile payload as a profile, and a malformed one as its text', () => {
    const p = { rows: 1, table: 'sales', columns: [] };
    expect(show({ kind: 'result', data: { [PROFILE_MIME]: JSON.stringify(p), 'text/plain': '1 rows' } })).toEqual({ as: 'profile', p });
    expect(show({ kind: 'result', data: { [PROFILE_MIME]: '{bad', 'text/plain': '1 rows' } })).toEqual({ as: 'text', text: '1 rows' });
  });

  it('formats durations', () => {
    expect(duration(0.4)).toBe('<1 ms');
    expect(duration(12.5)).toBe('13 ms');
    expect(duration(2345)).toBe('2.35 s');
    expect(duration(125_000)).toBe('2 m 5 s');
  });
});
