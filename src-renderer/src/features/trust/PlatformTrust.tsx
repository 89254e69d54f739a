import { Group, Stack, Text } from '@mantine/core';
import type { TrustReport } from '../../../../src-main/core/trust/types.js';
import { ShortDigest } from '../../ui/DetailParts.js';
import { SectionTitle } from './SectionTitle.js';
import { SignatureList } from './SignatureList.js';
import { TrustBadgeView } from './TrustBadgeView.js';
import { kindsOf } from './trust-words.js';

type Platform = NonNullable<TrustReport['platforms']>[number];

/** An index's platforms, each with its own status and the signatures on its manifest. */
export function PlatformTrust({ platforms }: { platforms: readonly Platform[] }) {
  return (
    <Stack gap="sm" data-testid="trust-platforms">
      <SectionTitle>Platforms</SectionTitle>
      {platforms.map((platform) => (
        <Stack
          key={`${platform.platform} ${platform.digest}`}
          gap={6}
          data-testid="trust-platform"
          data-platform={platform.platform}
          data-status={platform.status}
        >
          <Group gap="sm" wrap="nowrap">
            <Text ff="monospace" fz="xs" fw={600}>
              {platform.platform}
            </Text>
            <ShortDigest digest={platform.digest} />
            <TrustBadgeView
              status={platform.status}
              kinds={kindsOf(platform.signatures)}
              testId="trust-platform-badge"
            />
          </Group>
          <SignatureList signatures={platform.signatures} empty="No signature on this platform’s manifest." />
        </Stack>
      ))}
    </Stack>
  );
}
