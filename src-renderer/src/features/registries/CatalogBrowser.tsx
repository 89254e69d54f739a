import { Box, Button, Group, Loader, Text } from '@mantine/core';
import { useCallback, useDeferredValue, useMemo } from 'react';
import { formatCount } from '../../lib/format.js';
import { useApp } from '../../store/context.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { FilterInput } from '../../ui/FilterInput.js';
import { IconRefresh, IconStop } from '../../ui/icons.js';
import { CATALOG_FILTER_ID, CatalogList } from './CatalogList.js';
import { filterRepositories } from './catalog-filter.js';
import type { CatalogCache } from './catalog-slice.js';
import { registryErrorTitle } from './registry-errors.js';

/** `12,000 repositories…` while pages come, the total once done, and how many match the filter. */
function CatalogCount({
  catalog,
  shown,
  filtering,
}: {
  catalog: CatalogCache;
  shown: number;
  filtering: boolean;
}) {
  const total = catalog.repositories.length;
  let text: string;
  if (catalog.state === 'loading') text = 'Loading repositories…';
  else if (catalog.state === 'streaming') text = `${formatCount(total, 'repository', 'repositories')}…`;
  else if (catalog.state === 'complete') text = formatCount(total, 'repository', 'repositories');
  else text = `Stopped at ${formatCount(total, 'repository', 'repositories')}`;
  return (
    <Text size="xs" c="dimmed" data-testid="catalog-count" data-count={total} data-state={catalog.state}>
      {filtering && catalog.state !== 'loading' ? `${shown.toLocaleString('en')} of ${text} match` : text}
    </Text>
  );
}

/** A registry's repositories, streamed page by page, with a filter over all of them. */
export function CatalogBrowser({ host, catalog }: { host: string; catalog: CatalogCache }) {
  const query = useApp((s) => s.catalogQuery);
  const setQuery = useApp((s) => s.setCatalogQuery);
  const stopCatalog = useApp((s) => s.stopCatalog);
  const continueCatalog = useApp((s) => s.continueCatalog);
  const reloadCatalog = useApp((s) => s.reloadCatalog);
  const openRepository = useApp((s) => s.openRepository);

  // Typing stays responsive with 100 000 names: the filter applies once React has a moment.
  const deferredQuery = useDeferredValue(query);
  const { repositories, haystack } = catalog;
  const names = useMemo(
    () => filterRepositories(repositories, haystack, deferredQuery),
    [repositories, haystack, deferredQuery],
  );
  const open = useCallback((name: string) => openRepository(host, name), [host, openRepository]);
  const running = catalog.state === 'loading' || catalog.state === 'streaming';
  const halted = catalog.state === 'stopped' || catalog.state === 'paused';

  return (
    <Box
      data-testid="catalog-browser"
      style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}
    >
      <Group
        px="sm"
        py={6}
        gap="sm"
        wrap="nowrap"
        style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
      >
        <FilterInput
          id={CATALOG_FILTER_ID}
          data-testid="catalog-filter"
          aria-label="Filter repositories"
          placeholder="Filter repositories"
          w={280}
          value={query}
          onValueChange={setQuery}
        />
        <CatalogCount catalog={catalog} shown={names.length} filtering={deferredQuery.trim() !== ''} />
        {running && <Loader size={12} />}
        <Box style={{ flex: 1 }} />
        {running && (
          <Button
            variant="default"
            leftSection={<IconStop size={12} />}
            onClick={() => stopCatalog(host)}
            data-testid="catalog-stop"
          >
            Stop
          </Button>
        )}
        {halted && (
          <Button variant="default" onClick={() => continueCatalog(host)} data-testid="catalog-continue">
            Continue
          </Button>
        )}
        <Button
          variant="default"
          leftSection={<IconRefresh size={12} />}
          onClick={() => reloadCatalog(host)}
          data-testid="catalog-reload"
        >
          Reload
        </Button>
      </Group>
      {catalog.state === 'failed' && catalog.error && (
        <ErrorAlert
          titleOf={registryErrorTitle}
          error={catalog.error}
          testId="catalog-error"
          radius={0}
          onRetry={() => continueCatalog(host)}
        />
      )}
      {catalog.state === 'complete' && repositories.length === 0 ? (
        <Text size="sm" c="dimmed" ta="center" pt="xl" data-testid="catalog-empty">
          This registry holds no repositories yet.
        </Text>
      ) : (
        <CatalogList names={names} query={deferredQuery.trim()} onOpen={open} />
      )}
    </Box>
  );
}
