import { Badge, DataList, Text } from '@mantine/core';
import type { RegistryCapabilities } from '../../../../src-main/core/registry/types.js';
import { Item } from '../../ui/DetailParts.js';
import { authLabel, deletionLabel, rateLimitLabel } from './capability-labels.js';
import { registryErrorTitle } from './registry-errors.js';

function YesNo({ value, no }: { value: boolean; no: string }) {
  return (
    <Text fz="xs" c={value ? undefined : 'dimmed'}>
      {value ? 'Yes' : no}
    </Text>
  );
}

/** What `registries.probe` found, in the order people ask about it. */
export function CapabilitiesList({ capabilities }: { capabilities: RegistryCapabilities }) {
  const { reachable, error } = capabilities;
  return (
    <DataList size="xs" gap={6} labelWidth={96}>
      <Item label="Reachable">
        <Badge
          size="xs"
          variant="light"
          color={reachable ? 'teal' : 'red'}
          data-testid="capability-reachable"
          data-value={String(reachable)}
        >
          {reachable ? 'Yes' : 'No'}
        </Badge>
      </Item>
      {error && (
        <Item label="Problem">
          <Text fz="xs" c="red" data-code={error.code}>
            {registryErrorTitle(error.code)}: {error.message}
          </Text>
        </Item>
      )}
      {/* What an unreachable registry supports is not known: nothing to list but the problem. */}
      {reachable && <Supported capabilities={capabilities} />}
    </DataList>
  );
}

function Supported({ capabilities }: { capabilities: RegistryCapabilities }) {
  const { apiVersion, authScheme, catalog, referrersApi, deletion, rateLimit } = capabilities;
  return (
    <>
      <Item label="API version">
        <Text fz="xs" ff="monospace">
          {apiVersion ?? '—'}
        </Text>
      </Item>
      <Item label="Auth">
        <Text fz="xs">{authLabel(authScheme)}</Text>
      </Item>
      <Item label="Catalog">
        <YesNo value={catalog} no="No: it does not list repositories" />
      </Item>
      <Item label="Referrers API">
        <YesNo value={referrersApi} no="No: signatures are found by sha256-… tags" />
      </Item>
      <Item label="Deletion">
        <Text fz="xs" c={deletion === 'enabled' ? undefined : 'dimmed'}>
          {deletionLabel(deletion)}
        </Text>
      </Item>
      {rateLimit && (
        <Item label="Rate limit">
          <Text fz="xs" data-testid="capability-rate-limit">
            {rateLimitLabel(rateLimit)}
          </Text>
        </Item>
      )}
    </>
  );
}
