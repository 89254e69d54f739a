import { Center, Divider, Loader, Stack } from '@mantine/core';
import { useEffect } from 'react';
import { useApp } from '../../store/context.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { registryErrorTitle } from '../registries/registry-errors.js';
import { DctSection } from './DctSection.js';
import { PlatformTrust } from './PlatformTrust.js';
import { SectionTitle } from './SectionTitle.js';
import { SignatureList } from './SignatureList.js';
import { TrustNotices } from './TrustNotices.js';
import { TrustStatusHeader } from './TrustStatusHeader.js';

/**
 * A tag's trust (`trust.inspect`): the verdict, notices, every signature with why it verified or
 * not, per-platform signatures of an index, and the repository's Docker Content Trust data.
 */
export function TrustTab({ reference, tag, onSign }: { reference: string; tag: string; onSign: () => void }) {
  const entry = useApp((s) => s.trustReports[reference]);
  const loadTrustReport = useApp((s) => s.loadTrustReport);

  // Missing, or made stale by a settings change or a new signature: ask (again).
  useEffect(() => {
    if (!entry || entry.stale) void loadTrustReport(reference);
  }, [entry, reference, loadTrustReport]);

  const report = entry && entry.state !== 'failed' ? entry.value : undefined;
  const checking = entry?.state === 'loading';
  return (
    <Stack gap="md" data-testid="trust-tab" data-state={entry?.state} data-status={report?.status} maw={1000}>
      {entry?.state === 'failed' && (
        <ErrorAlert
          titleOf={registryErrorTitle}
          error={entry.error}
          testId="trust-error"
          onRetry={() => void loadTrustReport(reference, true)}
        />
      )}
      {!report && checking && (
        <Center py="xl">
          <Loader size="sm" />
        </Center>
      )}
      {report && (
        <>
          <TrustStatusHeader
            report={report}
            checking={checking}
            onRefresh={() => void loadTrustReport(reference, true)}
            onSign={onSign}
          />
          <TrustNotices notices={report.notices} onSign={onSign} />
          <Divider />
          <Stack gap="xs">
            <SectionTitle>Signatures</SectionTitle>
            <SignatureList
              signatures={report.signatures}
              empty="No signature signs this digest. Sign it with your key to let others verify it."
            />
          </Stack>
          {report.platforms && report.platforms.length > 0 && <PlatformTrust platforms={report.platforms} />}
          {(report.dct || report.dctRoles.length > 0) && (
            <DctSection dct={report.dct} roles={report.dctRoles} tag={tag} />
          )}
        </>
      )}
    </Stack>
  );
}
