import { Group, Text } from '@mantine/core';
import type { Signature } from '../../../../src-main/core/trust/types.js';
import { IconCheck, IconShield, IconShieldX } from '../../ui/icons.js';

/** Whether one signature verified, and why (or why not), in one line. */
export function SignatureVerdict({ signature }: { signature: Signature }) {
  const { verified, invalid, reason } = signature;
  const color = verified ? 'teal' : invalid ? 'red' : 'dimmed';
  const Icon = verified ? IconCheck : invalid ? IconShieldX : IconShield;
  const head = verified ? 'Verified' : invalid ? 'Invalid' : 'Not verified';
  return (
    <Group gap={6} wrap="nowrap" align="flex-start" c={color} data-testid="signature-verdict">
      <Icon size={14} style={{ flexShrink: 0, marginTop: 1 }} />
      <Text fz="xs" c={color}>
        <Text span fz="xs" fw={600}>
          {head}
        </Text>
        {reason ? `: ${reason}` : ''}
      </Text>
    </Group>
  );
}
