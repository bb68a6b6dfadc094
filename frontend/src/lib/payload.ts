/** jsonObject reads a MIME payload sent either as JSON text or as an object; null if it is neither. */
export function jsonObject(v: unknown): Record<string, unknown> | null {
  let o: unknown = v;
  if (typeof v === 'string') {
    try {
      o = JSON.parse(v);
    } catch {
      return null;
    }
  }
  return o && typeof o === 'object' ? (o as Record<string, unknown>) : null;
}
