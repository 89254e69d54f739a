import { useState } from 'react';
import { useApp } from '../../../store/context.js';
import { FormDialog } from '../../../ui/FormDialog.js';
import { emptyKeyDraft, GenerateKeyFields, generateInput } from '../GenerateKeyFields.js';
import { trustErrorTitle } from '../trust-errors.js';

/** A new ECDSA P-256 signing key, as `cosign generate-key-pair` makes; its private half never leaves main. */
export function GenerateKeyDialog({ onClose }: { onClose: () => void }) {
  const changeTrustSettings = useApp((s) => s.changeTrustSettings);
  const [draft, setDraft] = useState(emptyKeyDraft);
  return (
    <FormDialog
      title="Generate a signing key"
      intro="An ECDSA P-256 key pair, as cosign makes. Images you sign with it verify with its public half, which you can copy or download afterwards."
      confirmLabel="Generate"
      disabled={draft.name.trim() === ''}
      testId="generate-key"
      titleOf={trustErrorTitle}
      save={() => changeTrustSettings('trust.signingKeys.generate', generateInput(draft))}
      onClose={onClose}
    >
      <GenerateKeyFields draft={draft} onChange={setDraft} testIdPrefix="generate-key" autoFocus />
    </FormDialog>
  );
}
