// Why: completion must follow the command tree as it is (every registrar's commands, flags and
// aliases), so the script is generated from commander's tree instead of kept by hand. One shell
// function, written in the subset bash and zsh share, finds the candidates; each shell gets a small
// wrapper. VM names come from `hv __complete vms` (one listing call) for commands taking VM names.
import type { Command } from 'commander';

/** What completion knows about one command path (`''` root, `vm`, `vm start`...). */
export interface CompletionNode {
  readonly path: string;
  readonly subcommands: readonly string[];
  readonly flags: readonly string[];
  /** Flags that take a value (the next word is not a command). */
  readonly valued: readonly string[];
  /** Its arguments are VM names. */
  readonly vmArgs: boolean;
}

const VM_ARG = /^(name|names|vm|vms|vm-name|vm-names)$/;

/** Every command path of `program` with its words (hidden `__` commands left out). */
export function completionNodes(program: Command): CompletionNode[] {
  const globalFlags = program.options.flatMap((o) => [o.long, o.short].filter((f): f is string => !!f));
  const globalValued = program.options
    .filter((o) => o.required || o.optional)
    .flatMap((o) => [o.long, o.short].filter((f): f is string => !!f));
  const out: CompletionNode[] = [];
  const walk = (cmd: Command, path: string): void => {
    const subs = cmd.commands.filter((c) => !c.name().startsWith('__'));
    const own = cmd === program ? [] : cmd.options;
    out.push({
      path,
      subcommands: subs.flatMap((c) => [c.name(), ...c.aliases()]),
      flags: [
        ...own.flatMap((o) => [o.long, o.short].filter((f): f is string => !!f)),
        ...globalFlags,
        '--help',
      ],
      valued: [
        ...own
          .filter((o) => o.required || o.optional)
          .flatMap((o) => [o.long, o.short].filter((f): f is string => !!f)),
        ...globalValued,
      ],
      vmArgs: cmd.registeredArguments.some((a) => VM_ARG.test(a.name())),
    });
    for (const c of subs) walk(c, path === '' ? c.name() : `${path} ${c.name()}`);
  };
  walk(program, '');
  return out;
}

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

function table(
  fn: string,
  nodes: readonly CompletionNode[],
  pick: (n: CompletionNode) => readonly string[],
): string {
  const arms = nodes
    .filter((n) => pick(n).length > 0)
    .map((n) => `    ${quote(n.path)}) printf '%s\\n' ${pick(n).map(quote).join(' ')} ;;`);
  return [`${fn}() {`, '  case "$1" in', ...arms, '  esac', '}'].join('\n');
}

/** The shell code both scripts share: the tables and `_hv_candidates CWORD WORD0 WORD1...`. */
function commonFunctions(nodes: readonly CompletionNode[]): string {
  const vmPaths = nodes.filter((n) => n.vmArgs).map((n) => quote(n.path));
  return [
    table('_hv_subs', nodes, (n) => n.subcommands),
    table('_hv_flags', nodes, (n) => n.flags),
    table('_hv_valued', nodes, (n) => n.valued),
    `_hv_vmarg() {\n  case "$1" in\n    ${vmPaths.length > 0 ? vmPaths.join('|') : "''"}) return 0 ;;\n  esac\n  return 1\n}`,
    String.raw`_hv_has() {
  case $'\n'"$1"$'\n' in
    *$'\n'"$2"$'\n'*) return 0 ;;
  esac
  return 1
}
_hv_vms() {
  if [ -n "$2" ]; then "$1" --connect "$2" __complete vms 2>/dev/null; else "$1" __complete vms 2>/dev/null; fi
}
# Candidates for word number $1 (0 = the program) of the words that follow, one per line.
_hv_candidates() {
  local cword=$1 i=0 w cur="" prog="" cmdpath="" skip=0 uri="" isuri=0 out=""
  shift
  for w in "$@"; do
    if [ $i -eq $cword ]; then cur=$w; break; fi
    if [ $i -eq 0 ]; then prog=$w; i=1; continue; fi
    i=$((i + 1))
    if [ $skip -eq 1 ]; then
      skip=0
      if [ $isuri -eq 1 ]; then uri=$w; fi
      continue
    fi
    case "$w" in
      -c|--connect) skip=1; isuri=1; continue ;;
      -*) if _hv_has "$(_hv_valued "$cmdpath")" "$w"; then skip=1; isuri=0; fi; continue ;;
    esac
    if _hv_has "$(_hv_subs "$cmdpath")" "$w"; then cmdpath="${'$'}{cmdpath:+$cmdpath }$w"; fi
  done
  if [ $skip -eq 1 ]; then return 0; fi
  case "$cur" in
    -*) out=$(_hv_flags "$cmdpath") ;;
    *)
      out=$(_hv_subs "$cmdpath")
      if _hv_vmarg "$cmdpath"; then out="$out"$'\n'"$(_hv_vms "$prog" "$uri")"; fi ;;
  esac
  printf '%s\n' "$out" | while IFS= read -r w; do
    case "$w" in
      "$cur"*) [ -n "$w" ] && printf '%s\n' "$w" ;;
    esac
  done
}`,
  ].join('\n');
}

/** The bash script: `source <(hv completion bash)` or save it in /etc/bash_completion.d/hv. */
export function bashCompletionScript(nodes: readonly CompletionNode[]): string {
  return `# hv completion for bash. Install: hv completion bash > /etc/bash_completion.d/hv
${commonFunctions(nodes)}
_hv() {
  local IFS=$'\\n'
  COMPREPLY=($(_hv_candidates "$COMP_CWORD" "\${COMP_WORDS[@]}"))
}
complete -o default -F _hv hv
`;
}

/** The zsh script: `source <(hv completion zsh)` or save it as _hv in a directory of $fpath. */
export function zshCompletionScript(nodes: readonly CompletionNode[]): string {
  return `#compdef hv
# hv completion for zsh. Install: hv completion zsh > "\${fpath[1]}/_hv" (or source it from ~/.zshrc)
${commonFunctions(nodes)}
_hv() {
  local -a cands
  cands=(\${(f)"$(_hv_candidates $((CURRENT - 1)) "\${words[@]}")"})
  if (( \${#cands} )); then compadd -a cands; else _files; fi
}
if (( ! \${+functions[compdef]} )); then autoload -Uz compinit && compinit; fi
compdef _hv hv
`;
}
