import { ActionIcon, Box, Group, Select, Switch, Text, Tooltip } from '@mantine/core';
import { formatCount } from '../../lib/format.js';
import { useApp } from '../../store/context.js';
import { FilterInput } from '../../ui/FilterInput.js';
import { IconArrowDown, IconArrowUp } from '../../ui/icons.js';
import { TAGS_FILTER_ID } from './TagsTable.js';
import type { TagSortMode } from './tag-rows.js';

const SORTS: { value: TagSortMode; label: string }[] = [
  { value: 'version', label: 'Sort by version' },
  { value: 'name', label: 'Sort by name' },
  { value: 'created', label: 'Sort by date' },
];

/** Filter, sort and "show signature tags" for the tag table; the choices outlive the repository. */
export function TagsToolbar({
  total,
  shown,
  attachedCount,
}: {
  total: number;
  shown: number;
  attachedCount: number;
}) {
  const query = useApp((s) => s.tagQuery);
  const setQuery = useApp((s) => s.setTagQuery);
  const view = useApp((s) => s.tagView);
  const setView = useApp((s) => s.setTagView);
  const Arrow = view.direction === 'asc' ? IconArrowUp : IconArrowDown;

  return (
    <Group
      px="sm"
      py={6}
      gap="sm"
      wrap="nowrap"
      style={{ flexShrink: 0, borderBottom: '1px solid var(--mantine-color-default-border)' }}
    >
      <FilterInput
        id={TAGS_FILTER_ID}
        data-testid="tags-filter"
        aria-label="Filter tags"
        placeholder="Filter tags"
        w={220}
        value={query}
        onValueChange={setQuery}
      />
      <Select
        data-testid="tag-sort"
        aria-label="Sort tags"
        w={150}
        allowDeselect={false}
        data={SORTS}
        value={view.sort}
        onChange={(value) => value && setView({ sort: value as TagSortMode })}
      />
      <Tooltip label={view.direction === 'asc' ? 'Oldest / A first' : 'Newest / Z first'}>
        <ActionIcon
          variant="default"
          size={30}
          aria-label="Reverse the order"
          data-testid="tag-sort-direction"
          data-direction={view.direction}
          onClick={() => setView({ direction: view.direction === 'asc' ? 'desc' : 'asc' })}
        >
          <Arrow size={14} />
        </ActionIcon>
      </Tooltip>
      <Switch
        size="xs"
        data-testid="tags-show-attached"
        label={`Show signature tags (${attachedCount.toLocaleString('en')})`}
        checked={view.showAttached}
        disabled={attachedCount === 0}
        onChange={(event) => setView({ showAttached: event.currentTarget.checked })}
      />
      <Box style={{ flex: 1 }} />
      <Text size="xs" c="dimmed" data-testid="tags-count" data-count={total} data-shown={shown}>
        {shown === total
          ? formatCount(total, 'tag')
          : `${shown.toLocaleString('en')} of ${formatCount(total, 'tag')}`}
      </Text>
    </Group>
  );
}
