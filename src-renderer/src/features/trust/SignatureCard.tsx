import { Badge, DataList, Group, Paper, Stack, Text } from '@mantine/core';
import type { Signature } from '../../../../src-main/core/trust/types.js';
import { formatExactTime, formatRelativeTime } from '../../lib/format.js';
import { CopyableMono, Dim, Item, Mono, ShortDigest } from '../../ui/DetailParts.js';
import { CertificateChain } from './CertificateChain.js';
import { SignatureVerdict } from './SignatureVerdict.js';
import { KIND_LABELS } from './trust-words.js';

/**
 * One signature: its kind, whether it verified and why, who signed (a key, a certificate's
 * identity and issuer, a DCT signer), when, and the certificate chain it carries.
 */
export function SignatureCard({ signature }: { signature: Signature }) {
  const keyless = signature.issuer !== undefined;
  return (
    <Paper
      withBorder
      p="xs"
      data-testid="trust-signature"
      data-kind={signature.kind}
      data-verified={signature.verified}
      data-invalid={signature.invalid || undefined}
      data-key-id={signature.keyId ?? undefined}
      style={signature.invalid ? { borderColor: 'var(--mantine-color-red-outline)' } : undefined}
    >
      <Stack gap={6}>
        <Group gap="xs" wrap="nowrap" justify="space-between">
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            <Badge size="sm" variant="light" color={signature.kind === 'dct' ? 'grape' : 'blue'} tt="none">
              {KIND_LABELS[signature.kind]}
              {keyless ? ' · keyless' : ''}
            </Badge>
            <Text fz="sm" fw={600} truncate title={signature.signer ?? undefined}>
              {signature.signer ?? 'unknown signer'}
            </Text>
          </Group>
          {signature.signedAt && (
            <Text
              fz="xs"
              c="dimmed"
              title={formatExactTime(signature.signedAt)}
              style={{ whiteSpace: 'nowrap' }}
            >
              signed {formatRelativeTime(signature.signedAt)}
            </Text>
          )}
        </Group>
        <SignatureVerdict signature={signature} />
        <DataList size="xs" gap={4} labelWidth={96}>
          {keyless && (
            <>
              <Item label="Identity">
                <Mono>{signature.signer ?? '—'}</Mono>
              </Item>
              <Item label="OIDC issuer">
                <Mono>{signature.issuer}</Mono>
              </Item>
            </>
          )}
          <Item label="Key ID">
            {signature.keyId ? (
              <CopyableMono value={signature.keyId} copy="Copy key ID" testId="signature-key-id" />
            ) : (
              <Dim>{signature.certificateChain.length > 0 ? 'in the certificate below' : 'none'}</Dim>
            )}
          </Item>
          <Item label="Signed at">
            {signature.signedAt ? (
              <Text fz="xs">{formatExactTime(signature.signedAt)}</Text>
            ) : (
              <Dim>not recorded</Dim>
            )}
          </Item>
          <Item label="Signs">
            <ShortDigest digest={signature.digest} />
          </Item>
          {signature.tags && signature.tags.length > 0 && (
            <Item label="Tags">
              <Mono>{signature.tags.join(', ')}</Mono>
            </Item>
          )}
          <Item label="Found at">
            <Mono>{signature.source}</Mono>
          </Item>
        </DataList>
        {signature.certificateChain.length > 0 && (
          <CertificateChain chain={signature.certificateChain} verified={signature.verified} />
        )}
      </Stack>
    </Paper>
  );
}
