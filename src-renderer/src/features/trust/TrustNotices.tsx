import { Alert, Button, Stack, Text } from '@mantine/core';
import type { TrustNotice } from '../../../../src-main/core/trust/types.js';
import { IconSignature } from '../../ui/icons.js';

const NOTICE_LOOKS: Record<string, { color: string; title: string; quiet?: true }> = {
  DCT_NOTARY_RETIRING: { color: 'orange', title: 'This notary server is retiring' },
  DCT_ROOT_ROTATED: { color: 'red', title: 'The repository’s root key changed' },
  DCT_ROOT_FIRST_USE: { color: 'blue', title: 'Root trusted on first use' },
  DCT_DATA_REMOVED: { color: 'orange', title: 'The DCT data is gone' },
  // Most registries have no notary at all: worth a line, not a box.
  DCT_NO_NOTARY_SERVER: { color: 'gray', title: 'Docker Content Trust', quiet: true },
  TRUST_SETTING_UNREADABLE: { color: 'orange', title: 'A trust setting cannot be used' },
};

/**
 * What the user should know beyond the status: Docker Hub's notary retiring (with the way out, signing
 * with cosign), a root trusted on first use, a root that changed since (loud, as docker is).
 */
export function TrustNotices({ notices, onSign }: { notices: readonly TrustNotice[]; onSign?: () => void }) {
  if (notices.length === 0) return null;
  return (
    <Stack gap="xs">
      {notices.map((notice) => {
        const look = NOTICE_LOOKS[notice.code] ?? { color: 'gray', title: 'Note' };
        if (look.quiet) {
          return (
            <Text
              key={`${notice.code} ${notice.message}`}
              fz="xs"
              c="dimmed"
              data-testid="trust-notice"
              data-code={notice.code}
            >
              {look.title}: {notice.message}
            </Text>
          );
        }
        return (
          <Alert
            key={`${notice.code} ${notice.message}`}
            color={look.color}
            variant="light"
            title={look.title}
            data-testid="trust-notice"
            data-code={notice.code}
            p="xs"
          >
            {notice.message}
            {notice.code === 'DCT_NOTARY_RETIRING' && onSign && (
              <Button
                mt="xs"
                display="block"
                variant="default"
                leftSection={<IconSignature size={14} />}
                onClick={onSign}
                data-testid="notice-sign-cosign"
              >
                Sign with cosign…
              </Button>
            )}
          </Alert>
        );
      })}
    </Stack>
  );
}
