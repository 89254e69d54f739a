import { Alert, Button, Collapse, Group, Paper, Stack, Text } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useApp } from '../../store/context.js';
import { IconSignature } from '../../ui/icons.js';
import { DctMigrationForm } from './DctMigrationForm.js';
import { onlyDctTags } from './dct-migration.js';

/**
 * "DCT → cosign" for a repository with Docker Content Trust data: how many tags are signed only
 * with DCT (whose Docker Hub notary retires), and a way to sign them with the user's own key.
 * Nothing at all for a repository without DCT data.
 */
export function DctMigrationPanel({ repository }: { repository: string }) {
  const entry = useApp((s) => s.dctPlans[repository]);
  const loadDctPlan = useApp((s) => s.loadDctPlan);
  const loadTrustSettings = useApp((s) => s.loadTrustSettings);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    if (!entry || entry.stale) void loadDctPlan(repository);
  }, [entry, repository, loadDctPlan]);

  const plan = entry && entry.state !== 'failed' ? entry.value : undefined;
  const pending = useMemo(() => (plan ? onlyDctTags(plan) : []), [plan]);
  if (!plan || plan.state === 'none') return null;

  if (plan.state === 'invalid') {
    return (
      <Alert
        color="red"
        variant="light"
        p="xs"
        radius={0}
        title="This repository’s DCT data fails verification"
        data-testid="dct-migration"
        data-state="invalid"
      >
        {plan.message}
      </Alert>
    );
  }
  return (
    <Paper
      px="sm"
      py={6}
      radius={0}
      data-testid="dct-migration"
      data-state={plan.state}
      data-pending={pending.length}
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)', flexShrink: 0 }}
    >
      <Stack gap="xs">
        <Group gap="sm" wrap="nowrap" justify="space-between">
          <Text fz="xs">
            <Text span fz="xs" fw={600}>
              DCT → cosign:{' '}
            </Text>
            {pending.length === 0
              ? `all ${plan.tags.length} tags signed with Docker Content Trust also carry a cosign or Notation signature.`
              : `${pending.length} of ${plan.tags.length} DCT-signed tags have no other signature. DCT verification ends when the notary server does (Docker Hub: 8 December 2026).`}
          </Text>
          {pending.length > 0 && (
            <Button
              size="compact-xs"
              variant={open ? 'default' : 'light'}
              leftSection={<IconSignature size={12} />}
              onClick={() => {
                void loadTrustSettings();
                setOpen((shown) => !shown);
              }}
              aria-expanded={open}
              data-testid="dct-migration-toggle"
            >
              {open ? 'Hide' : 'Sign with cosign…'}
            </Button>
          )}
        </Group>
        <Collapse expanded={open}>
          {open && <DctMigrationForm repository={repository} tags={pending} />}
        </Collapse>
      </Stack>
    </Paper>
  );
}
