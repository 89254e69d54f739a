import type { ReactNode } from 'react';
import type { TrustSettingsView } from '../../../../../src-main/ipc/contract.js';

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

/** What each block of the trust settings gets: the settings as main returns them, and the one confirm dialog. */
export interface TrustBlockProps {
  view: TrustSettingsView;
  onRemove: (pending: PendingRemoval) => void;
}
