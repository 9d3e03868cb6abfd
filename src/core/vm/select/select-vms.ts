// Why: every lifecycle and manage verb acts on "these VMs": names, globs, a tag, a state or all of them.
// One resolver, backed by one bulk listing, so selectors behave the same on every verb and a typo is an
// error naming it (VM_NOT_FOUND) instead of a command that quietly did nothing.
import type { LibvirtClient } from '../../../libvirt/index.js';
import { UsageError, VmError } from '../../errors/index.js';
import { validateEnum } from '../../validate/validate-enum.js';
import { VmService, type VmSummary } from '../vm-service.js';
import { VM_STATES, normalizeStateFilter, type VmState } from '../vm-state.js';
import { keepTagged } from '../vm-tags.js';
import { parseVmNamePattern, type VmNamePattern } from './vm-name-pattern.js';

/** Which VMs a command acts on. Filters (`tag`, `state`) narrow the named VMs, or all VMs if none. */
export interface VmSelector {
  /** Names or globs (`web-*`, `db-?`, `[ab]-1`). */
  readonly names: readonly string[];
  /** Only VMs with this tag in hv's metadata. */
  readonly tag?: string;
  /** Every VM (cannot be combined with names). */
  readonly all?: boolean;
  /** Only VMs in this state (`running`, `shut off`, `paused`...). */
  readonly state?: string;
}

/**
 * Resolve a selector to VMs: named VMs in the order given (each once), otherwise sorted by name.
 * One bulk stats call; a tag filter adds one metadata read per VM.
 * @throws UsageError (USAGE, exit 4) when nothing selects (no names, no --all/--tag/--state) or
 *   names are combined with --all.
 * @throws ValidationError (INVALID_ARGUMENT, exit 4) for a malformed name or glob.
 * @throws VmError (VM_NOT_FOUND, exit 7) for a name or glob that matches no VM.
 */
export async function selectVms(
  client: LibvirtClient,
  sel: VmSelector,
  opts: { readonly signal?: AbortSignal } = {},
): Promise<VmSummary[]> {
  checkSelector(sel); // usage and syntax errors before any call
  const listed = await new VmService(client).list({
    ...(opts.signal !== undefined && { signal: opts.signal }),
  });
  const picked = pickVms(listed, sel);
  return sel.tag === undefined ? picked : keepTagged(client, picked, sel.tag, opts.signal);
}

/**
 * The pure part of {@link selectVms}: apply names, globs and the state filter to a listing (the tag
 * filter needs metadata reads and is left to the caller). Same errors as selectVms.
 */
export function pickVms(listed: readonly VmSummary[], sel: VmSelector): VmSummary[] {
  const { patterns, state } = checkSelector(sel);
  let picked: VmSummary[];
  if (patterns.length === 0) {
    picked = [...listed];
  } else {
    const byName = new Map<string, VmSummary>();
    for (const p of patterns) {
      const hits = listed.filter((vm) => (p.kind === 'name' ? vm.name === p.text : p.regex.test(vm.name)));
      if (hits.length === 0) {
        throw new VmError(p.kind === 'name' ? `no VM named ${p.text}` : `no VM matches ${p.text}`, {
          code: 'VM_NOT_FOUND',
          details: { name: p.text },
        });
      }
      for (const vm of hits) if (!byName.has(vm.name)) byName.set(vm.name, vm);
    }
    picked = [...byName.values()];
  }
  return state === undefined ? picked : picked.filter((vm) => vm.state === state);
}

/** Parse and check a selector without looking at any VM. */
function checkSelector(sel: VmSelector): { patterns: VmNamePattern[]; state: VmState | undefined } {
  const patterns = sel.names.map(parseVmNamePattern);
  if (patterns.length === 0 && sel.all !== true && sel.tag === undefined && sel.state === undefined) {
    throw new UsageError('name at least one VM, or select with --all, --tag or --state');
  }
  if (patterns.length > 0 && sel.all === true) {
    throw new UsageError('give VM names or --all, not both');
  }
  const state =
    sel.state === undefined ? undefined : validateEnum('--state', normalizeStateFilter(sel.state), VM_STATES);
  return { patterns, state };
}
