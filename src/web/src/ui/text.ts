// Localised strings for scripts: the server embeds the keys a page needs as a JSON data block
// (<script type="application/json" id="anhop-text">, never executed), in the visitor's language.

let strings: Record<string, string> | null = null;

function load(): Record<string, string> {
  if (strings === null) {
    const block = document.getElementById('anhop-text');
    strings = block?.textContent ? (JSON.parse(block.textContent) as Record<string, string>) : {};
  }
  return strings;
}

/** The string for `key` with {0}, {1}… replaced by `args`; the key itself when missing (visible in tests, never blank). */
export function t(key: string, ...args: Array<string | number>): string {
  const template = load()[key] ?? key;
  return template.replace(/\{(\d+)\}/g, (match, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? match : String(value);
  });
}
