import { useState } from 'react';
import type { TrustSettingsView } from '../../../../../src-main/ipc/contract.js';
import { SettingsSection } from '../../settings/SettingsSection.js';
import { ConfirmPendingRemoval } from './ConfirmPendingRemoval.js';
import { NotaryServersBlock } from './NotaryServersBlock.js';
import { PinnedRootsBlock } from './PinnedRootsBlock.js';
import type { PendingRemoval } from './pending-removal.js';

/** Docker Content Trust (Notary v1): where its data is read from, and the roots pinned on first use. */
export function ContentTrustSection({ view }: { view: TrustSettingsView }) {
  const [pending, setPending] = useState<PendingRemoval>();
  return (
    <SettingsSection
      title="Docker Content Trust"
      description="Signatures made with DOCKER_CONTENT_TRUST=1 live on notary servers. Docker Hub's notary shuts down on 8 December 2026: sign with cosign to keep your images verifiable."
    >
      <NotaryServersBlock view={view} onRemove={setPending} />
      <PinnedRootsBlock view={view} onRemove={setPending} />
      <ConfirmPendingRemoval pending={pending} onClose={() => setPending(undefined)} />
    </SettingsSection>
  );
}
