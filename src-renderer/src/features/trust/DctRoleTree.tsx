import { Box, Group, Text, Tooltip } from '@mantine/core';
import { useMemo } from 'react';
import type { DctRoleView } from '../../../../src-main/core/trust/types.js';
import { formatExactTime } from '../../lib/format.js';
import { expiryOf, expiryWords, type RoleNode, roleTree } from './dct-roles.js';
import classes from './Trust.module.css';

const TONES = { ok: undefined, none: undefined, warn: 'warn', bad: 'bad' } as const;
const EXPIRY_COLORS = { ok: 'dimmed', none: 'dimmed', warn: 'orange', bad: 'red' } as const;

function RoleBox({ role }: { role: DctRoleView }) {
  const expiry = expiryOf(role.expires);
  const tone = role.problem ? 'bad' : TONES[expiry.tone];
  return (
    <Box
      className={classes.node}
      data-tone={tone}
      data-testid="dct-role"
      data-role={role.name}
      data-expiry={expiry.tone}
      style={{ display: 'inline-block' }}
    >
      <Group gap="sm" wrap="nowrap">
        <Text fz="xs" fw={600} ff="monospace">
          {role.name}
        </Text>
        <Tooltip label={role.keyIds.join('\n') || 'no keys'} multiline maw={520} fz={11}>
          <Text fz={11} c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {role.threshold} of {role.keyIds.length} key{role.keyIds.length === 1 ? '' : 's'}
          </Text>
        </Tooltip>
        {role.version !== null && (
          <Text fz={11} c="dimmed">
            v{role.version}
          </Text>
        )}
        <Text
          fz={11}
          c={EXPIRY_COLORS[expiry.tone]}
          fw={expiry.tone === 'warn' || expiry.tone === 'bad' ? 600 : undefined}
          title={role.expires ? formatExactTime(role.expires) : undefined}
          style={{ whiteSpace: 'nowrap' }}
        >
          {role.version === null && role.expires === null ? 'has not signed yet' : expiryWords(expiry)}
        </Text>
      </Group>
      {role.problem && (
        <Text fz={11} c="red">
          {role.problem}
        </Text>
      )}
    </Box>
  );
}

function Branch({ nodes }: { nodes: readonly RoleNode[] }) {
  return (
    <ul className={classes.tree}>
      {nodes.map((node) => (
        <li key={node.role.name} className={classes.treeItem}>
          <RoleBox role={node.role} />
          {node.children.length > 0 && <Branch nodes={node.children} />}
        </li>
      ))}
    </ul>
  );
}

/** The repository's DCT roles as the tree they form (root → targets → delegations), each with its expiry. */
export function DctRoleTree({ roles }: { roles: readonly DctRoleView[] }) {
  const tree = useMemo(() => roleTree(roles), [roles]);
  return (
    <Box data-testid="dct-roles">
      <Branch nodes={tree} />
    </Box>
  );
}
