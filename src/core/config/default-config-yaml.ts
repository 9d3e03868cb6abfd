// The defaults written out as a YAML file with a comment per section; used by the documentation and
// as the starting text of `hv config edit` when no file exists yet.
import { configKeys } from './config-keys.js';

function yamlScalar(value: unknown): string {
  if (typeof value === 'string') return /^[\w./:+-]+$/.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value);
}

/** Every key with its default, as YAML text (no trailing newline). */
export function defaultConfigYaml(): string {
  const lines: string[] = [];
  let section = '';
  for (const k of configKeys()) {
    const parts = k.key.split('.');
    const top = parts.length > 1 ? (parts[0] ?? '') : '';
    if (top !== section) {
      if (top !== '') lines.push(`${top}:${k.section === '' ? '' : `  # ${k.section}`}`);
      section = top;
    }
    const indent = top === '' ? '' : '  ';
    const name = parts[parts.length - 1] ?? k.key;
    if (Array.isArray(k.default) && k.default.length === 0) {
      lines.push(`${indent}${name}: []`);
    } else if (Array.isArray(k.default)) {
      lines.push(`${indent}${name}:`);
      for (const v of k.default) lines.push(`${indent}  - ${yamlScalar(v)}`);
    } else {
      lines.push(`${indent}${name}: ${yamlScalar(k.default)}`);
    }
  }
  return lines.join('\n');
}
