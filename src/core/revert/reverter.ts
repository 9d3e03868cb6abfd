// Multi-step operations (creating a VM: volumes, seed ISO, domain) must leave nothing behind when a
// later step fails or the user presses Ctrl-C. Each step registers its undo right after it succeeds;
// on failure the undos run newest first (incus's shared/revert pattern). Undo errors are collected,
// never thrown over the original failure.

/** One registered undo. */
interface UndoStep {
  readonly label: string;
  readonly undo: () => Promise<void>;
}

/** What running the undos left: labels that failed, with their errors. */
export interface RevertReport {
  readonly reverted: readonly string[];
  readonly failed: readonly { label: string; error: unknown }[];
}

/** A stack of undo steps: `add` after each step, `success()` at the end, `revert()` on failure. */
export class Reverter {
  readonly #steps: UndoStep[] = [];
  #done = false;

  /** Register the undo of a step that just succeeded. */
  add(label: string, undo: () => Promise<void>): void {
    if (this.#done) throw new Error(`reverter already finished; cannot add ${label}`);
    this.#steps.push({ label, undo });
  }

  /** Number of registered undos. */
  get size(): number {
    return this.#steps.length;
  }

  /** The operation succeeded: forget every undo. */
  success(): void {
    this.#done = true;
    this.#steps.length = 0;
  }

  /** Run every undo, newest first; each runs even when an earlier one failed. */
  async revert(): Promise<RevertReport> {
    this.#done = true;
    const reverted: string[] = [];
    const failed: { label: string; error: unknown }[] = [];
    while (this.#steps.length > 0) {
      const step = this.#steps.pop();
      if (step === undefined) break;
      try {
        await step.undo();
        reverted.push(step.label);
      } catch (error) {
        failed.push({ label: step.label, error });
      }
    }
    return { reverted, failed };
  }
}
