// Dates in the page's language (vi or en), in the visitor's time zone.
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(document.documentElement.lang || 'vi', { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
