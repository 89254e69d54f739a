import { Badge, CloseButton, Group, Loader, Switch, Text } from '@mantine/core';
import { useEffect, useMemo } from 'react';
import { debounce } from '../../lib/debounce.js';
import { formatCount } from '../../lib/format.js';
import { useApp } from '../../store/context.js';
import { FilterInput } from '../../ui/FilterInput.js';
import { emptyTree } from './layer-tree-slice.js';

/** Main walks the whole tree for a filter: typing waits this long before asking. */
const FIND_WAIT_MS = 200;

/**
 * Above the file tree: the filter (a path substring, or a glob such as `**\/*.so` or `etc/*`),
 * the layer the tree is shown as of, and "only what this layer changed".
 */
export function TreeToolbar({
  imageKey,
  filterId,
  rowCount,
  onLeaveFilter,
}: {
  imageKey: string;
  filterId: string;
  rowCount: number;
  onLeaveFilter: () => void;
}) {
  const tree = useApp((s) => s.layerTrees[imageKey] ?? emptyTree);
  const setTreeFilter = useApp((s) => s.setTreeFilter);
  const findInTree = useApp((s) => s.findInTree);
  const setTreeLayer = useApp((s) => s.setTreeLayer);
  const setOnlyChanges = useApp((s) => s.setOnlyChanges);
  const find = useMemo(() => debounce(() => void findInTree(imageKey), FIND_WAIT_MS), [findInTree, imageKey]);
  useEffect(() => find.cancel, [find]);

  const filtering = tree.filter.trim() !== '';
  const found = tree.found?.result;
  const searching =
    filtering && (!found || found.state === 'loading' || tree.found?.pattern !== tree.filter.trim());
  const truncated = found?.state === 'ready' && found.value.truncated;

  return (
    <Group gap="xs" wrap="nowrap" data-testid="tree-toolbar">
      <FilterInput
        id={filterId}
        value={tree.filter}
        onValueChange={(value) => {
          setTreeFilter(imageKey, value);
          if (value.trim() === '') find.cancel();
          else find();
        }}
        onLeave={onLeaveFilter}
        placeholder="Filter: path or glob (*.so)"
        aria-label="Filter paths"
        data-testid="tree-filter"
        style={{ flex: 1, minWidth: 120 }}
      />
      {tree.layer !== undefined && (
        <Badge
          variant="light"
          radius="sm"
          tt="none"
          data-testid="tree-layer"
          data-layer={tree.layer}
          rightSection={
            <CloseButton
              size={14}
              aria-label="Show the final filesystem"
              onClick={() => setTreeLayer(imageKey, undefined)}
              data-testid="tree-layer-clear"
            />
          }
        >
          As of layer {tree.layer + 1}
        </Badge>
      )}
      <Switch
        size="xs"
        label="Only its changes"
        checked={tree.onlyChanges}
        disabled={tree.layer === undefined || filtering}
        onChange={(event) => setOnlyChanges(imageKey, event.currentTarget.checked)}
        data-testid="tree-only-changes"
        title="Only what the selected layer added, changed or removed"
        style={{ whiteSpace: 'nowrap' }}
      />
      <Text
        fz="xs"
        c="dimmed"
        data-testid="tree-count"
        data-count={rowCount}
        style={{ whiteSpace: 'nowrap' }}
      >
        {searching ? (
          <Loader size={10} />
        ) : (
          formatCount(rowCount, filtering ? 'match' : 'row', filtering ? 'matches' : 'rows')
        )}
        {truncated ? ' (the first)' : ''}
      </Text>
    </Group>
  );
}
