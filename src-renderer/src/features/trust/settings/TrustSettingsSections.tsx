import { Loader, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useApp } from '../../../store/context.js';
import { ErrorAlert } from '../../../ui/ErrorAlert.js';
import { trustErrorTitle } from '../trust-errors.js';
import { ContentTrustSection } from './ContentTrustSection.js';
import { SigningKeysSection } from './SigningKeysSection.js';
import { VerificationSection } from './VerificationSection.js';

/** The settings page's trust sections, over the view `trust.settings` returns. */
export function TrustSettingsSections() {
  const entry = useApp((s) => s.trustSettings);
  const loadTrustSettings = useApp((s) => s.loadTrustSettings);
  // Asked again each time the page opens: main pins DCT roots as repositories are looked at.
  useEffect(() => {
    void loadTrustSettings(true);
  }, [loadTrustSettings]);

  const view = entry && entry.state !== 'failed' ? entry.value : undefined;
  if (entry?.state === 'failed') {
    return (
      <ErrorAlert
        titleOf={trustErrorTitle}
        error={entry.error}
        testId="trust-settings-error"
        onRetry={() => void loadTrustSettings(true)}
      />
    );
  }
  if (!view) {
    return (
      <Text size="xs" c="dimmed" component="div" style={{ display: 'flex', gap: 8 }}>
        <Loader size={12} /> Reading the trust settings…
      </Text>
    );
  }
  return (
    <>
      <SigningKeysSection view={view} />
      <VerificationSection view={view} />
      <ContentTrustSection view={view} />
    </>
  );
}
