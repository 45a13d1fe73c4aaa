//! Relative times for people: "just now", "2s ago", "5 min ago", "3 h ago", then a date.

// One formatter for the page's life, made at first use (a new one per call costs an ICU
// formatter each time).
let date: Intl.DateTimeFormat | undefined;

export function timeAgo(then: number, now: number): string {
  const s = Math.max(0, Math.round((now - then) / 1000));
  if (s < 2) return 'just now';
  if (s < 60) return `${s}s ago`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 24) return `${h} h ago`;
  const d = Math.round(h / 24);
  if (d < 7) return `${d} day${d === 1 ? '' : 's'} ago`;
  date ??= new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
  return date.format(new Date(then));
}
