import { useEffect, useState } from 'react';
import type { ErrorShape } from '../../../../src-main/core/errors.js';
import type { PushPlan } from '../../../../src-main/ipc/contract.js';
import { errorShape } from '../../lib/errors.js';
import { useApp } from '../../store/context.js';

/** Typing pauses this long before the registry is asked. */
export const PLAN_WAIT_MS = 350;

export type PlanState =
  | { state: 'idle' }
  | { state: 'checking'; target: string; last?: PushPlan }
  | { state: 'ready'; target: string; plan: PushPlan }
  | { state: 'failed'; target: string; error: ErrorShape };

/**
 * `images.pushPlan` for the target the fields spell, asked once typing pauses; an answer for an
 * older target (or an older check of the same one) is dropped. `recheck` asks again (after a login).
 */
export function usePushPlan(imageId: string, target: string | undefined, recheck: number): PlanState {
  const planPush = useApp((s) => s.planPush);
  const [plan, setPlan] = useState<PlanState>({ state: 'idle' });

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new `recheck` asks again for the same target.
  useEffect(() => {
    if (target === undefined) {
      setPlan({ state: 'idle' });
      return;
    }
    let current = true;
    // The last answer stays on screen, dimmed, while the next one is on its way.
    setPlan((before) => {
      const last =
        before.state === 'ready' ? before.plan : before.state === 'checking' ? before.last : undefined;
      return { state: 'checking', target, ...(last ? { last } : {}) };
    });
    const timer = setTimeout(() => {
      planPush(imageId, target).then(
        (answer) => current && setPlan({ state: 'ready', target, plan: answer }),
        (error: unknown) => current && setPlan({ state: 'failed', target, error: errorShape(error) }),
      );
    }, PLAN_WAIT_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [imageId, target, recheck, planPush]);

  return plan;
}
