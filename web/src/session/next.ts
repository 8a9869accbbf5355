/** A `?next=` target, only if it is a path of this application (never another site). */
export function safeNext(value: string | null, fallback = '/today'): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
    return fallback;
  }
  return value;
}
