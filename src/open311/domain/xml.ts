/** GeoReport v2's XML format: a root element holding one element per item, one child per field. */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const escape = (text: string) => text.replace(/[&<>"']/g, (character) => ESCAPES[character]!);

type Value = string | number | boolean | readonly object[];
/** An object whose every field is a Value (services, requests, definitions). */
type Item = object;

function element(name: string, value: Value): string {
  if (Array.isArray(value)) return `<${name}>${(value as readonly Item[]).map((item) => fields(item)).join('')}</${name}>`;
  return `<${name}>${escape(String(value))}</${name}>`;
}

const fields = (item: Item) => Object.entries(item as Record<string, Value>).map(([name, value]) => element(name, value)).join('');

const DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n';

/** `<root><item>…</item>…</root>`, e.g. `<service_requests><request>…</request></service_requests>`. */
export function georeportXml(root: string, itemName: string, items: readonly Item[]): string {
  return `${DECLARATION}<${root}>${items.map((item) => `<${itemName}>${fields(item)}</${itemName}>`).join('')}</${root}>`;
}

/** One object as a document: `<root><field>…</field>…</root>` (a service definition). */
export const georeportXmlObject = (root: string, item: Item): string => `${DECLARATION}<${root}>${fields(item)}</${root}>`;
