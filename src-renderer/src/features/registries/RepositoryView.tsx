import { Box, Button, Center, Group, Loader, Progress, Text } from '@mantine/core';
import { useCallback, useDeferredValue, useEffect, useMemo } from 'react';
import type { AttachedTag, TagDetails } from '../../../../src-main/core/registry/types.js';
import { useApp } from '../../store/context.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { IconRefresh } from '../../ui/icons.js';
import { DctMigrationPanel } from '../trust/DctMigrationPanel.js';
import { RegistryToolbar } from './RegistryToolbar.js';
import { registryErrorTitle } from './registry-errors.js';
import { repositoryReference } from './registry-ref.js';
import { TagsTable } from './TagsTable.js';
import { TagsToolbar } from './TagsToolbar.js';
import { attachedBySubject, shownTagRows, sortShownRows, tagRowsOf } from './tag-rows.js';

const NO_DATES: Readonly<Record<string, TagDetails>> = {};

/** A repository's tags (`tags.list`), with details fetched as rows come into view. */
export function RepositoryView({ host, repository }: { host: string; repository: string }) {
  const reference = repositoryReference(host, repository);
  const entry = useApp((s) => s.tagLists[reference]);
  const details = useApp((s) => s.tagDetails[reference]);
  const view = useApp((s) => s.tagView);
  const query = useApp((s) => s.tagQuery);
  const loadTags = useApp((s) => s.loadTags);
  const wantAllDetails = useApp((s) => s.wantAllDetails);
  const openTag = useApp((s) => s.openTag);
  const forgetTrustBadges = useApp((s) => s.forgetTrustBadges);
  const forgetTrustReports = useApp((s) => s.forgetTrustReports);
  // A reload asks everything again, trust included (a badge that failed is not retried otherwise).
  const reload = () => {
    forgetTrustBadges(reference);
    forgetTrustReports(reference);
    void loadTags(reference, true);
  };

  useEffect(() => {
    void loadTags(reference);
  }, [reference, loadTags]);

  const list = entry?.list;
  const rowSet = useMemo(() => (list ? tagRowsOf(list) : undefined), [list]);
  const bySubject = useMemo(
    () => (list ? attachedBySubject(list) : new Map<string, AttachedTag[]>()),
    [list],
  );
  const deferredQuery = useDeferredValue(query);
  const shown = useMemo(
    () => (rowSet ? shownTagRows(rowSet, view.showAttached, deferredQuery) : []),
    [rowSet, view.showAttached, deferredQuery],
  );

  // Sorting by date needs every tag's date: all of them are fetched, and the order applies once known.
  const byDate = view.sort === 'created';
  const everyTag = useMemo(
    () =>
      rowSet ? [...rowSet.plain, ...(view.showAttached ? rowSet.attached : [])].map((row) => row.tag) : [],
    [rowSet, view.showAttached],
  );
  useEffect(() => {
    wantAllDetails(reference, byDate ? everyTag : []);
  }, [reference, byDate, everyTag, wantAllDetails]);
  useEffect(() => () => wantAllDetails(reference, []), [reference, wantAllDetails]);
  const dated = useMemo(() => {
    if (!byDate || !details) return 0;
    return everyTag.filter((tag) => tag in details.byTag || tag in details.failed).length;
  }, [byDate, details, everyTag]);
  const datesReady = byDate && dated === everyTag.length;

  const datesForSort = datesReady && details ? details.byTag : NO_DATES;
  const rows = useMemo(
    () =>
      byDate && !datesReady
        ? sortShownRows(shown, 'name', 'asc', NO_DATES)
        : sortShownRows(shown, view.sort, view.direction, datesForSort),
    [shown, byDate, datesReady, view.sort, view.direction, datesForSort],
  );
  const open = useCallback((tag: string) => openTag(host, repository, tag), [host, repository, openTag]);

  const total = (list?.tags.length ?? 0) + (view.showAttached ? (list?.attached.length ?? 0) : 0);
  return (
    <Box
      data-testid="repo-view"
      data-repository={reference}
      style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}
    >
      <RegistryToolbar host={host} repository={repository}>
        <Button
          variant="default"
          leftSection={<IconRefresh size={12} />}
          loading={entry?.state === 'loading' && list !== undefined}
          onClick={reload}
          data-testid="tags-reload"
        >
          Reload
        </Button>
      </RegistryToolbar>
      {entry?.state === 'failed' && (
        <ErrorAlert
          titleOf={registryErrorTitle}
          error={entry.error}
          testId="tags-error"
          radius={0}
          onRetry={() => void loadTags(reference, true)}
        />
      )}
      {list && (
        <>
          <DctMigrationPanel repository={reference} />
          <TagsToolbar total={total} shown={rows.length} attachedCount={list.attached.length} />
          {byDate && !datesReady && (
            <Group
              px="sm"
              py={4}
              gap="sm"
              wrap="nowrap"
              data-testid="tags-dates-progress"
              data-done={dated}
              data-total={everyTag.length}
            >
              <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                Fetching dates to sort by: {dated.toLocaleString('en')} of{' '}
                {everyTag.length.toLocaleString('en')} tags…
              </Text>
              <Progress value={(dated / Math.max(1, everyTag.length)) * 100} size="sm" style={{ flex: 1 }} />
            </Group>
          )}
          <TagsTable
            repository={reference}
            rows={rows}
            details={details}
            attachedBySubject={bySubject}
            resetKey={`${deferredQuery}\n${view.sort}\n${view.direction}\n${view.showAttached}`}
            emptyText={total === 0 ? 'This repository has no tags.' : 'No tag matches the filter.'}
            onOpen={open}
          />
        </>
      )}
      {!list && entry?.state !== 'failed' && (
        <Center style={{ flex: 1 }}>
          <Loader size="sm" />
        </Center>
      )}
    </Box>
  );
}
