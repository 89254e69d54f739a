import { Button, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { formatCount } from '../../lib/format.js';
import { useApp } from '../../store/context.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { IconSearch } from '../../ui/icons.js';
import { HubResultsTable } from './HubResultsTable.js';
import { registryErrorTitle } from './registry-errors.js';
import { DOCKER_HUB_DOMAIN, openableRepository } from './registry-ref.js';

/** Docker Hub's own search (`hub.search`), page by page; a hit opens its repository. */
export function HubSearch() {
  const search = useApp((s) => s.hubSearch);
  const searchHub = useApp((s) => s.searchHub);
  const openRepository = useApp((s) => s.openRepository);
  const [query, setQuery] = useState(search?.query ?? '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (query.trim() !== '') void searchHub(query.trim(), 1);
  };
  const open = (name: string) => {
    const target = openableRepository(DOCKER_HUB_DOMAIN, name);
    if (target.ok) openRepository(DOCKER_HUB_DOMAIN, target.repository);
  };
  const result = search?.result;

  return (
    <Stack gap="xs">
      <form onSubmit={submit}>
        <Group gap="xs" wrap="nowrap">
          <TextInput
            data-testid="hub-search"
            aria-label="Search Docker Hub"
            placeholder="Search Docker Hub"
            w={320}
            leftSection={<IconSearch size={14} />}
            value={query}
            onChange={(event) => setQuery(event.currentTarget.value)}
          />
          <Button type="submit" disabled={query.trim() === ''} data-testid="hub-search-submit">
            Search
          </Button>
          {search?.state === 'loading' && <Loader size={14} />}
        </Group>
      </form>
      {search?.state === 'failed' && search.error && (
        <ErrorAlert
          titleOf={registryErrorTitle}
          error={search.error}
          testId="hub-search-error"
          onRetry={() => void searchHub(search.query, search.page)}
        />
      )}
      {result && search && (
        <>
          <Text size="xs" c="dimmed" data-testid="hub-search-count">
            {formatCount(result.total, 'result')} for “{search.query}” · page {search.page}
          </Text>
          {result.results.length > 0 && <HubResultsTable results={result.results} onOpen={open} />}
          <Group gap="xs">
            <Button
              variant="default"
              disabled={search.page <= 1 || search.state === 'loading'}
              onClick={() => void searchHub(search.query, search.page - 1)}
              data-testid="hub-search-prev"
            >
              Previous
            </Button>
            <Button
              variant="default"
              disabled={result.next === null || search.state === 'loading'}
              onClick={() => result.next !== null && void searchHub(search.query, result.next)}
              data-testid="hub-search-next"
            >
              Next
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}
