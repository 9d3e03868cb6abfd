// The wizard's answers as a profile object, validated by the same schema as a profile file, so an
// answer is refused with exactly the rule `hv profile validate` would print for that field. Pure.
import { ProfileError } from '../../profile/profile-error.js';
import { parseProfileObject, type ParsedProfile } from '../../profile/parse-profile-text.js';
import type { WizardContext } from './wizard-context.js';
import { QUESTIONS, graphicsDefault, isYes, type Answers, type Question } from './wizard-questions.js';

/** Questions asked for these answers, in order. */
export function askedQuestions(a: Answers): Question[] {
  return QUESTIONS.filter((q) => q.when === undefined || q.when(a));
}

/** Answers with every asked-but-unanswered question at its default (for a complete profile). */
export function withDefaults(a: Answers, ctx: WizardContext): Answers {
  const out: Record<string, string> = { ...a };
  for (const q of QUESTIONS) {
    if (out[q.id] === undefined && (q.when === undefined || q.when(out)))
      out[q.id] = q.defaultValue(ctx, out);
  }
  return out;
}

function nicsOf(network: string): Record<string, unknown>[] {
  if (network === 'none') return [];
  if (network === 'user') return [{ user: true }];
  const m = /^(bridge|zone):(.*)$/.exec(network);
  return [m === null ? { network } : { [m[1] ?? 'bridge']: m[2] }];
}

function numberOr(text: string): number | string {
  return /^\d+$/.test(text) ? Number(text) : text;
}

/** The raw profile object of complete answers (before validation). */
function answersToObject(a: Answers): Record<string, unknown> {
  const v = (id: string): string => a[id] ?? '';
  const asked = new Set(askedQuestions(a).map((q) => q.id));
  const given = (id: string): boolean => asked.has(id) && v(id) !== '';
  const disk: Record<string, unknown> = { size: v('disk') };
  if (given('image')) Object.assign(disk, { from: v('image'), linked: true });
  const advanced = isYes(a.advanced);
  return {
    name: v('name'),
    ...(given('owner') && { owner: v('owner') }),
    arch: v('arch'),
    cpus: numberOr(v('cpus')),
    memory: v('memory'),
    disks: [disk],
    ...(given('iso') && { iso: v('iso') }),
    nics: nicsOf(v('network')),
    graphics: { type: advanced ? v('graphics') : graphicsDefault(a) },
    ...(advanced && {
      firmware: v('firmware'),
      memory_backing: { hugepages: isYes(a.hugepages) },
      autostart: isYes(a.autostart),
      ...(given('autostart_group') && { autostart_group: v('autostart_group') }),
      ...(asked.has('autostart_priority') && { autostart_priority: numberOr(v('autostart_priority')) }),
    }),
  };
}

/** The validated profile of complete answers. @throws ProfileError naming the fields. */
export function answersToProfile(a: Answers): ParsedProfile {
  return parseProfileObject(answersToObject(a), 'wizard');
}

/**
 * The rule `value` breaks as the answer to `q` (the question's own check, then the profile schema on
 * the question's fields), or undefined when it is acceptable.
 */
export function answerError(q: Question, value: string, a: Answers, ctx: WizardContext): string | undefined {
  const choices = q.choices?.(ctx, a);
  if (choices !== undefined && q.openChoices !== true && !choices.includes(value)) {
    return `must be one of ${choices.join(', ')}`;
  }
  const own = q.check?.(value, ctx, a);
  if (own !== undefined) return own;
  if (q.fields.length === 0) return undefined;
  try {
    answersToProfile(withDefaults({ ...a, [q.id]: value }, ctx));
  } catch (err) {
    if (!(err instanceof ProfileError)) throw err;
    const mine = err.issues.find((i) =>
      q.fields.some((f) => i.path === f || i.path.startsWith(`${f}[`) || i.path.startsWith(`${f}.`)),
    );
    if (mine !== undefined) return mine.rule;
  }
  if (q.id === 'memory') return memoryLimit(value, a, ctx);
  return undefined;
}

/** Memory must fit the host (the schema alone allows up to 16 TiB). */
function memoryLimit(value: string, a: Answers, ctx: WizardContext): string | undefined {
  const mib = answersToProfile(withDefaults({ ...a, memory: value }, ctx)).profile.memoryMiB;
  return mib > ctx.totalMemoryMiB ? `must be at most the host's ${ctx.totalMemoryMiB} MiB` : undefined;
}
