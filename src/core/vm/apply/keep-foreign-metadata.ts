// `hv vm apply` redefines a domain from the profile, which writes a fresh `<metadata>`. Metadata apply
// does not generate — snapshot policies and other children of hv's `<vm>` element added by other
// commands (a template marker, ...), and other programs' namespaces — must survive, byte for byte.
// This pure function carries them from the old domain XML into the new one.
import { HV_VM_NAMESPACE } from '../../profile/domain-xml/domain-metadata.js';

/** Children of hv's `<vm>` element that the profile renderer writes (see domain-metadata.ts). */
const OWNED = new Set(['profile', 'tags', 'owner', 'origin', 'autostart']);

const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<\/([^\s>]+)\s*>|<([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;

/** One top-level element of an XML fragment, with its raw text. */
interface Child {
  readonly name: string;
  readonly attrs: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** Offset just after the start tag (the content start). */
  readonly inner: number;
}

/** Top-level elements of `xml` between offsets `from` and `to`. */
function children(xml: string, from: number, to: number): Child[] {
  const out: Child[] = [];
  TOKEN.lastIndex = from;
  let depth = 0;
  let open: { name: string; attrs: string; start: number; inner: number } | undefined;
  for (let m = TOKEN.exec(xml); m !== null && m.index < to; m = TOKEN.exec(xml)) {
    const [whole, closeName, openName, attrs, selfClose] = m;
    if (openName !== undefined) {
      if (depth === 0) open = { name: openName, attrs: attrs ?? '', start: m.index, inner: TOKEN.lastIndex };
      if (selfClose === '/') {
        if (depth === 0 && open !== undefined) {
          out.push({ ...open, end: TOKEN.lastIndex, text: whole });
          open = undefined;
        }
      } else depth++;
    } else if (closeName !== undefined) {
      depth--;
      if (depth === 0 && open !== undefined) {
        out.push({ ...open, end: TOKEN.lastIndex, text: xml.slice(open.start, TOKEN.lastIndex) });
        open = undefined;
      }
      if (depth < 0) break;
    }
  }
  return out;
}

/** The `<metadata>` element of a domain XML and its children. */
function metadataOf(xml: string): { el: Child; kids: Child[] } | undefined {
  const domain = children(xml, 0, xml.length).find((c) => c.name === 'domain');
  if (domain === undefined) return undefined;
  const el = children(xml, domain.inner, domain.end).find((c) => c.name === 'metadata');
  if (el === undefined) return undefined;
  return { el, kids: el.text.endsWith('/>') ? [] : children(xml, el.inner, el.end) };
}

/** The prefix (`hv:`, or '' for a default namespace) when `c` is hv's `<vm>` element. */
function hvPrefix(c: Child): string | undefined {
  const m = /^(?:([\w.-]+):)?vm$/.exec(c.name);
  if (m === null) return undefined;
  const decl = m[1] === undefined ? 'xmlns' : `xmlns:${m[1]}`;
  const re = new RegExp(`\\s${decl.replace('.', '\\.')}\\s*=\\s*["']([^"']*)["']`);
  return re.exec(c.attrs)?.[1] === HV_VM_NAMESPACE ? (m[1] === undefined ? '' : `${m[1]}:`) : undefined;
}

/** `el` with its element prefix `from` renamed to `to` (hv children keep hv's prefix in the new XML). */
function renamePrefix(text: string, from: string, to: string): string {
  if (from === to) return text;
  const tagName = from === '' ? '([A-Za-z_][\\w.-]*)' : `${from.replace('.', '\\.')}([\\w.-]+)`;
  return text.replace(new RegExp(`<(/?)${tagName}`, 'g'), `<$1${to}$2`);
}

/**
 * `newXml` with what the old domain XML had in `<metadata>` and the new one does not generate: the
 * children of hv's `<vm>` other than profile/tags/owner/origin/autostart (e.g. `<hv:snapshot-policies>`),
 * and every element of other namespaces. Pure; `newXml` is returned as is when there is nothing to keep.
 */
export function keepForeignMetadata(oldXml: string, newXml: string): string {
  const old = metadataOf(oldXml);
  if (old === undefined) return newXml;
  const oldVm = old.kids.find((c) => hvPrefix(c) !== undefined);
  const others = old.kids.filter((c) => c !== oldVm).map((c) => c.text);
  const next = metadataOf(newXml);
  if (next === undefined) return newXml;
  const newVm = next.kids.find((c) => hvPrefix(c) !== undefined);
  let kept: string[] = [];
  if (oldVm !== undefined && newVm !== undefined && !oldVm.text.endsWith('/>')) {
    const from = hvPrefix(oldVm) ?? '';
    const to = hvPrefix(newVm) ?? '';
    kept = children(oldXml, oldVm.inner, oldVm.end)
      .filter((c) => !OWNED.has(from === '' ? c.name : c.name.slice(from.length)))
      .map((c) => renamePrefix(c.text, from, to));
  }
  if (kept.length === 0 && others.length === 0) return newXml;
  let out = newXml;
  if (kept.length > 0 && newVm !== undefined) {
    const at = newVm.end - `</${newVm.name}>`.length;
    if (newVm.text.endsWith('/>')) {
      const open = newVm.text.slice(0, -2);
      out = `${out.slice(0, newVm.start)}${open}>${kept.join('')}</${newVm.name}>${out.slice(newVm.end)}`;
    } else out = `${out.slice(0, at)}${kept.join('')}${out.slice(at)}`;
  }
  if (others.length > 0) {
    const meta = metadataOf(out);
    if (meta !== undefined) {
      const at = meta.el.end - '</metadata>'.length;
      out = `${out.slice(0, at)}${others.join('')}${out.slice(at)}`;
    }
  }
  return out;
}
