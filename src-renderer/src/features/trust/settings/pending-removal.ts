import type { ReactNode } from 'react';

/** A removal the user asked for and has to confirm: what the confirm dialog says and does. */
export interface PendingRemoval {
  title: string;
  body: ReactNode;
  remove: () => Promise<unknown>;
  /** The confirm dialog's test id prefix. */
  testId: string;
  /** The confirm button's word, "Remove" by default. */
  confirmLabel?: string;
}
