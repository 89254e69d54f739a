import { useState } from 'react';
import { useApp } from '../../../store/context.js';
import { SEALING_PASSWORD } from '../GenerateKeyFields.js';
import { KeyPasswordInput } from '../KeyPasswordInput.js';
import { PemImportDialog } from './PemImportDialog.js';

/**
 * Imports a private key: cosign's own `cosign.key` (with its password) or a PKCS #8 / SEC 1 PEM. A new
 * password seals it at rest where no system keychain is available.
 */
export function ImportSigningKeyDialog({ onClose }: { onClose: () => void }) {
  const changeTrustSettings = useApp((s) => s.changeTrustSettings);
  const [filePassword, setFilePassword] = useState('');
  const [password, setPassword] = useState('');
  return (
    <PemImportDialog
      title="Import a signing key"
      intro="A cosign.key file or an ECDSA P-256 private key in PEM. Stevedore keeps it encrypted; it is never shown again."
      textLabel="Private key"
      placeholder="-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----"
      accept=".key,.pem,text/plain"
      confirmLabel="Import"
      testId="import-key"
      save={(name, pem) =>
        changeTrustSettings('trust.signingKeys.import', {
          name,
          pem,
          ...(filePassword ? { filePassword } : {}),
          ...(password ? { password } : {}),
        })
      }
      onClose={onClose}
    >
      <KeyPasswordInput
        label="Password of the key file"
        description="The password cosign asked for when it made cosign.key; empty for an unencrypted key."
        value={filePassword}
        onChange={setFilePassword}
        testId="import-key-file-password"
        autoComplete="off"
      />
      <KeyPasswordInput
        label="Password to keep it with"
        description={SEALING_PASSWORD}
        value={password}
        onChange={setPassword}
        testId="import-key-password"
        autoComplete="new-password"
      />
    </PemImportDialog>
  );
}
