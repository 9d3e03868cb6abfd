// The create wizard as a pure state machine: a state (the answers so far, plus what is being edited
// and what was decided at the review) gives one view (a question, the review, or done), and an answer
// gives the next state or the rule it broke. No terminal, no files: the CLI (and later the TUI) draws
// the views, reads the answers and saves the state after each one, which is what makes resume work.
import { formatProfileYaml } from '../../profile/format-profile-yaml.js';
import type { ParsedProfile } from '../../profile/parse-profile-text.js';
import type { WizardContext } from './wizard-context.js';
import { answerError, answersToProfile, askedQuestions, withDefaults } from './wizard-profile.js';
import { QUESTIONS, isYes, type Answers } from './wizard-questions.js';

/** Everything the wizard needs to continue; saved after every answer. */
export interface WizardState {
  readonly version: 1;
  readonly answers: Answers;
  /** A question reopened from the review. */
  readonly editing?: string;
  /** Chosen at the review. */
  readonly action?: 'create' | 'save';
  /** Where a "save only" profile goes. */
  readonly savePath?: string;
}

/** What the wizard shows next. */
export type WizardView =
  | {
      readonly kind: 'question';
      readonly id: string;
      readonly prompt: string;
      readonly help: string;
      readonly defaultValue: string;
      readonly choices?: readonly string[];
      /** 1-based position among the questions asked for the answers so far, and their count. */
      readonly step: number;
      readonly steps: number;
    }
  | { readonly kind: 'review'; readonly yaml: string; readonly summary: readonly string[] }
  | { readonly kind: 'save-path'; readonly defaultValue: string }
  | {
      readonly kind: 'done';
      readonly action: 'create' | 'save';
      readonly profile: ParsedProfile;
      readonly yaml: string;
      readonly savePath?: string;
      readonly start: boolean;
      /** A cloud image: build a seed even without a user. */
      readonly cloudImage: boolean;
      readonly user?: string;
      readonly sshKeyFile?: string;
    };

/** The result of one answer. */
export interface WizardStep {
  readonly state: WizardState;
  /** The rule the answer broke; the state is unchanged and the same view is shown again. */
  readonly error?: string;
  /** The user chose to stop at the review (the state stays for a later resume). */
  readonly quit?: boolean;
}

/** A fresh wizard. */
export function newWizard(): WizardState {
  return { version: 1, answers: {} };
}

/** The review's commands. */
export const REVIEW_HELP =
  'c = create, s = save the profile only, e FIELD = change an answer, q = quit (resume later)';

function currentQuestion(state: WizardState): string | undefined {
  if (state.editing !== undefined) return state.editing;
  return askedQuestions(state.answers).find((q) => state.answers[q.id] === undefined)?.id;
}

function summary(a: Answers): string[] {
  const lines = [`start after create: ${isYes(a.start) ? 'yes' : 'no'}`];
  if (a.media === 'image' && (a.user ?? '') !== '') {
    lines.push(
      `login user: ${a.user ?? ''}${(a.ssh_key ?? '') === '' ? ' (no key)' : ` (keys from ${a.ssh_key ?? ''})`}`,
    );
  }
  return lines;
}

/** What to show for `state`. */
export function wizardView(state: WizardState, ctx: WizardContext): WizardView {
  const id = currentQuestion(state);
  if (id !== undefined) {
    const asked = askedQuestions(state.answers);
    const q = QUESTIONS.find((x) => x.id === id) ?? asked[0];
    if (q === undefined) throw new Error(`wizard: no question ${id}`);
    const choices = q.choices?.(ctx, state.answers);
    return {
      kind: 'question',
      id: q.id,
      prompt: q.prompt,
      help: q.help,
      defaultValue: state.answers[q.id] ?? q.defaultValue(ctx, state.answers),
      ...(choices !== undefined && { choices }),
      step: asked.findIndex((x) => x.id === q.id) + 1,
      steps: asked.length,
    };
  }
  const answers = withDefaults(state.answers, ctx);
  const parsed = answersToProfile(answers);
  const yaml = formatProfileYaml(parsed.profile, ['made by hv vm create (wizard)']);
  if (state.action === undefined) return { kind: 'review', yaml, summary: summary(answers) };
  if (state.action === 'save' && state.savePath === undefined) {
    return { kind: 'save-path', defaultValue: `./${parsed.profile.name}.yaml` };
  }
  const user = answers.media === 'image' && (answers.user ?? '') !== '' ? answers.user : undefined;
  const key = user !== undefined && (answers.ssh_key ?? '') !== '' ? answers.ssh_key : undefined;
  return {
    kind: 'done',
    action: state.action,
    profile: parsed,
    yaml,
    ...(state.savePath !== undefined && { savePath: state.savePath }),
    start: isYes(answers.start),
    cloudImage: answers.media === 'image',
    ...(user !== undefined && { user }),
    ...(key !== undefined && { sshKeyFile: key }),
  };
}

function answerQuestion(state: WizardState, id: string, text: string, ctx: WizardContext): WizardStep {
  const q = QUESTIONS.find((x) => x.id === id);
  if (q === undefined) return { state, error: `no question ${id}` };
  const raw = text.trim();
  // y/n questions also take yes/no in any case.
  const yn = /^(y|yes|n|no)$/i.test(raw) && q.choices?.(ctx, state.answers).includes('y') === true;
  const typed = yn ? raw.toLowerCase().slice(0, 1) : raw;
  const value =
    q.optional === true && (typed === '-' || (typed === '' && q.defaultValue(ctx, state.answers) === ''))
      ? ''
      : typed === ''
        ? (state.answers[id] ?? q.defaultValue(ctx, state.answers))
        : typed;
  if (value === '' && q.optional !== true) return { state, error: `an answer is needed: ${q.help}` };
  const error = value === '' ? undefined : answerError(q, value, state.answers, ctx);
  if (error !== undefined) return { state, error };
  const { editing: _e, ...rest } = state;
  return { state: { ...rest, answers: { ...state.answers, [id]: value } } };
}

function answerReview(state: WizardState, text: string): WizardStep {
  const [cmd = '', field] = text.trim().split(/\s+/, 2);
  if (['c', 'create'].includes(cmd)) return { state: { ...state, action: 'create' } };
  if (['s', 'save'].includes(cmd)) return { state: { ...state, action: 'save' } };
  if (['q', 'quit'].includes(cmd)) return { state, quit: true };
  if (['e', 'edit'].includes(cmd)) {
    const asked = askedQuestions(state.answers).map((q) => q.id);
    if (field !== undefined && asked.includes(field)) return { state: { ...state, editing: field } };
    return { state, error: `edit which answer? one of ${asked.join(', ')}` };
  }
  return { state, error: REVIEW_HELP };
}

/** Apply one typed answer (blank: the default) to `state`. */
export function answerWizard(state: WizardState, text: string, ctx: WizardContext): WizardStep {
  const view = wizardView(state, ctx);
  switch (view.kind) {
    case 'question':
      return answerQuestion(state, view.id, text, ctx);
    case 'review':
      return answerReview(state, text);
    case 'save-path': {
      const path = text.trim() === '' ? view.defaultValue : text.trim();
      const error = ctx.checkNewFile(path);
      return error === undefined ? { state: { ...state, savePath: path } } : { state, error };
    }
    case 'done':
      return { state };
  }
}

/**
 * A state read back from a file, or undefined when it is not one this version wrote. A decision taken
 * at the review is not restored: a resumed wizard shows the review again before it creates anything.
 */
export function parseWizardState(raw: unknown): WizardState | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  if (r.version !== 1 || r.answers === null || typeof r.answers !== 'object') return undefined;
  const answers: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.answers as Record<string, unknown>)) {
    if (typeof v !== 'string' || !QUESTIONS.some((q) => q.id === k)) return undefined;
    answers[k] = v;
  }
  const editing =
    typeof r.editing === 'string' && QUESTIONS.some((q) => q.id === r.editing) ? r.editing : undefined;
  return { version: 1, answers, ...(editing !== undefined && { editing }) };
}
