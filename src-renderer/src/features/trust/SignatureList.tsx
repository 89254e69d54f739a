import { Stack, Text } from '@mantine/core';
import type { Signature } from '../../../../src-main/core/trust/types.js';
import { SignatureCard } from './SignatureCard.js';

/** Signatures, invalid ones first (they matter most), then verified, then the rest. */
export function SignatureList({ signatures, empty }: { signatures: readonly Signature[]; empty: string }) {
  if (signatures.length === 0) {
    return (
      <Text fz="xs" c="dimmed" data-testid="trust-no-signatures">
        {empty}
      </Text>
    );
  }
  const weight = (signature: Signature) => (signature.invalid ? 0 : signature.verified ? 1 : 2);
  const ordered = [...signatures].sort((a, b) => weight(a) - weight(b));
  return (
    <Stack gap="xs">
      {ordered.map((signature, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: signatures have no id; the list is replaced whole.
        <SignatureCard key={index} signature={signature} />
      ))}
    </Stack>
  );
}
