import { Button, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import type { TrustReport } from '../../../../src-main/core/trust/types.js';
import { ShortDigest } from '../../ui/DetailParts.js';
import { IconRefresh, IconSignature } from '../../ui/icons.js';
import { expiryWords, soonestExpiry } from './dct-roles.js';
import { TrustStatusIcon } from './TrustStatusIcon.js';
import { kindList, kindsOf, STATUS_COLORS, STATUS_LABELS, statusSummary } from './trust-words.js';

/** The verdict first: a coloured shield, the status, one sentence, and what can be done (check again, sign). */
export function TrustStatusHeader({
  report,
  checking,
  onRefresh,
  onSign,
}: {
  report: TrustReport;
  checking: boolean;
  onRefresh: () => void;
  onSign: () => void;
}) {
  const { status, signatures } = report;
  const kinds = kindsOf(signatures);
  const expiring = soonestExpiry(report.dctRoles);
  return (
    <Group gap="md" wrap="nowrap" align="flex-start" data-testid="trust-header" data-status={status}>
      <ThemeIcon size={40} radius="md" variant="light" color={STATUS_COLORS[status]}>
        <TrustStatusIcon status={status} size={24} />
      </ThemeIcon>
      <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
        <Group gap="sm" wrap="nowrap">
          <Text
            fw={700}
            fz="md"
            c={status === 'signed' || status === 'unsigned' ? undefined : STATUS_COLORS[status]}
          >
            {STATUS_LABELS[status]}
          </Text>
          {kinds.length > 0 && (
            <Text fz="xs" c="dimmed">
              {kindList(kinds)}
            </Text>
          )}
        </Group>
        <Text fz="xs">
          {status === 'error' && report.error ? report.error.message : statusSummary(status, signatures)}
        </Text>
        {expiring && (
          <Text
            fz="xs"
            c={expiring.expiry.tone === 'bad' ? 'red' : 'orange'}
            data-testid="trust-expiry-warning"
          >
            DCT role {expiring.role.name} {expiryWords(expiring.expiry)}.
          </Text>
        )}
        <ShortDigest digest={report.digest} />
      </Stack>
      <Group gap="xs" wrap="nowrap">
        <Button
          variant="default"
          leftSection={<IconRefresh size={12} />}
          loading={checking}
          onClick={onRefresh}
          data-testid="trust-refresh"
        >
          Check again
        </Button>
        <Button leftSection={<IconSignature size={14} />} onClick={onSign} data-testid="trust-sign">
          Sign…
        </Button>
      </Group>
    </Group>
  );
}
