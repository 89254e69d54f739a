import { useState } from 'react';
import type { TrustSettingsView } from '../../../../../src-main/ipc/contract.js';
import { SettingsSection } from '../../settings/SettingsSection.js';
import { ConfirmPendingRemoval } from './ConfirmPendingRemoval.js';
import { PublicKeysBlock } from './PublicKeysBlock.js';
import type { PendingRemoval } from './pending-removal.js';
import { SigstoreRootBlock } from './SigstoreRootBlock.js';
import { TrustStoresBlock } from './TrustStoresBlock.js';

/** What signatures verify against: cosign public keys, Notation CAs, a Sigstore trusted root. */
export function VerificationSection({ view }: { view: TrustSettingsView }) {
  const [pending, setPending] = useState<PendingRemoval>();
  return (
    <SettingsSection
      title="Verification"
      description="A signature counts as verified only when it checks out against something here. Without it, signatures show as signed, with who signed them."
    >
      <PublicKeysBlock view={view} onRemove={setPending} />
      <TrustStoresBlock view={view} onRemove={setPending} />
      <SigstoreRootBlock view={view} onRemove={setPending} />
      <ConfirmPendingRemoval pending={pending} onClose={() => setPending(undefined)} />
    </SettingsSection>
  );
}
