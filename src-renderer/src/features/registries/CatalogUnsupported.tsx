import { Box, Button, Stack, Text, Title } from '@mantine/core';
import type { ErrorShape } from '../../../../src-main/core/errors.js';
import { useApp } from '../../store/context.js';
import { HubSearch } from './HubSearch.js';
import { OpenRepositoryBox } from './OpenRepositoryBox.js';
import { isDockerHub } from './registry-ref.js';

function why(host: string, refusal: ErrorShape | undefined, loginMayHelp: boolean): string {
  if (isDockerHub(host))
    return 'Docker Hub has no catalog of its repositories. Search it, or open a repository by name.';
  if (refusal?.code === 'UNAUTHORIZED' || loginMayHelp)
    return 'It may list them to accounts that are allowed to: log in, or open a repository by name.';
  if (refusal?.code === 'DENIED')
    return 'Your account may not list them. You can still open a repository by name.';
  return 'Registries such as GHCR answer no catalog requests. Open a repository by name.';
}

/** For registries that will not list their repositories: say so, and offer the other ways in. */
export function CatalogUnsupported({
  host,
  refusal,
  loginMayHelp,
}: {
  host: string;
  refusal?: ErrorShape;
  /** We are anonymous at a registry that takes logins: an account may see the catalog. */
  loginMayHelp: boolean;
}) {
  const openDialog = useApp((s) => s.openRegistryDialog);
  return (
    <Box
      data-testid="catalog-unsupported"
      data-host={host}
      data-code={refusal?.code}
      p="md"
      style={{ flex: 1, minHeight: 0, overflow: 'auto' }}
    >
      <Stack gap="lg" maw={960}>
        <Stack gap={4}>
          <Title order={3} fz="md" fw={600}>
            This registry does not list its repositories
          </Title>
          <Text size="sm" c="dimmed">
            {why(host, refusal, loginMayHelp)}
          </Text>
          {(loginMayHelp || refusal?.code === 'UNAUTHORIZED') && !isDockerHub(host) && (
            <Button
              variant="default"
              w="fit-content"
              mt={4}
              onClick={() => openDialog({ kind: 'login', host })}
              data-testid="catalog-login"
            >
              Log in…
            </Button>
          )}
          {refusal && (
            <Text size="xs" c="dimmed" data-code={refusal.code}>
              The registry said: {refusal.message}
            </Text>
          )}
        </Stack>
        <Stack gap={6}>
          <Text size="sm" fw={500}>
            Open a repository
          </Text>
          <OpenRepositoryBox host={host} />
        </Stack>
        {isDockerHub(host) && (
          <Stack gap={6}>
            <Text size="sm" fw={500}>
              Search Docker Hub
            </Text>
            <HubSearch />
          </Stack>
        )}
      </Stack>
    </Box>
  );
}
