// Why: every lifecycle and manage verb acts on "these VMs": names, globs, a tag, a state or all of them.
// One resolver, backed by one bulk listing, so selectors behave the same on every verb and a typo is an
// error naming it (VM_NOT_FOUND) instead of a command that quietly did nothing.
import type { LibvirtClient } from '../../../libvirt/index.js';
import { UsageError, VmError } from '../../errors/index.js';
import { validateEnum } from '../../validate/validate-enum.js';
import { VmService, type VmSummary } from '../vm-service.js';
import { VM_STATES, normalizeStateFilter } from '../vm-state.js';
import { vmTags } from '../vm-tags.js';
import { parseVmNamePattern } from './vm-name-pattern.js';

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
  const patterns = sel.names.map(parseVmNamePattern);
  if (patterns.length === 0 && sel.all !== true && sel.tag === undefined && sel.state === undefined) {
    throw new UsageError('name at least one VM, or select with --all, --tag or --state');
  }
  if (patterns.length > 0 && sel.all === true) {
    throw new UsageError('give VM names or --all, not both');
  }
  if (sel.state !== undefined) validateEnum('--state', normalizeStateFilter(sel.state), VM_STATES);
  const listed = await new VmService(client).list({
    ...(opts.signal !== undefined && { signal: opts.signal }),
  });
  if (patterns.length === 0) return narrow(client, listed, sel);
  const picked = new Map<string, VmSummary>();
  for (const p of patterns) {
    const hits = listed.filter((vm) => (p.kind === 'name' ? vm.name === p.text : p.regex.test(vm.name)));
    if (hits.length === 0) {
      throw new VmError(p.kind === 'name' ? `no VM named ${p.text}` : `no VM matches ${p.text}`, {
        code: 'VM_NOT_FOUND',
        details: { name: p.text },
      });
    }
    for (const vm of hits) if (!picked.has(vm.name)) picked.set(vm.name, vm);
  }
  return narrow(client, [...picked.values()], sel);
}

/** Apply the state and tag filters to `vms`, keeping their order (tags: one metadata read per VM). */
async function narrow(client: LibvirtClient, vms: VmSummary[], sel: VmSelector): Promise<VmSummary[]> {
  let kept = vms;
  if (sel.state !== undefined) {
    const state = validateEnum('--state', normalizeStateFilter(sel.state), VM_STATES);
    kept = kept.filter((vm) => vm.state === state);
  }
  if (sel.tag === undefined) return kept;
  const tag = sel.tag;
  const tagged = await Promise.all(kept.map(async (vm) => ({ ...vm, tags: await vmTags(client, vm.uuid) })));
  return tagged.filter((vm) => vm.tags.includes(tag));
}
