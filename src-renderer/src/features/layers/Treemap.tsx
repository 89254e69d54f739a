import { Anchor, Group, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { Fragment, useMemo, useState } from 'react';
import type { FilesystemSummary } from '../../../../src-main/core/layers/views.js';
import { formatBytes, formatCount } from '../../lib/format.js';
import classes from './Layers.module.css';
import { type Rect, squarify } from './squarify.js';
import { breadcrumbs, indexDirectories, type TreemapNode } from './treemap-nodes.js';

const PALETTE = ['blue', 'teal', 'grape', 'orange', 'cyan', 'lime', 'pink', 'indigo', 'yellow', 'red'];
/** Room a box needs to show the boxes of its subdirectories under its label. */
const NEST_MIN = { w: 56, h: 40 };
const LABEL = 15;

const sameNode = (a: TreemapNode | undefined, b: TreemapNode) => a?.path === b.path && a.kind === b.kind;

const tint = (color: string, percent: number) =>
  `color-mix(in srgb, var(--mantine-color-${color}-filled) ${percent}%, transparent)`;

function Cell({
  node,
  rect,
  color,
  depth,
  hovered,
  onHover,
  onPick,
}: {
  node: TreemapNode;
  rect: Rect;
  color: string;
  depth: number;
  hovered: boolean;
  onHover: (node: TreemapNode | undefined) => void;
  onPick: (node: TreemapNode) => void;
}) {
  const showLabel = rect.w > 28 && rect.h > 13;
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a picture: the file tree beside it is the keyboard's way to the same folders.
    // biome-ignore lint/a11y/useKeyWithClickEvents: as above.
    <div
      className={classes.cell}
      data-testid="treemap-cell"
      data-path={node.path}
      data-kind={node.kind}
      data-hover={hovered || undefined}
      style={{
        left: rect.x,
        top: rect.y,
        width: rect.w,
        height: rect.h,
        background: tint(color, depth === 0 ? 14 : 26),
      }}
      onMouseEnter={() => onHover(node)}
      onMouseLeave={() => onHover(undefined)}
      onClick={(event) => {
        event.stopPropagation();
        onPick(node);
      }}
    >
      {showLabel && <div className={classes.cellLabel}>{node.name}</div>}
    </div>
  );
}

/**
 * Where the bytes are: the directories of the directory in focus as boxes sized by their bytes
 * (squarified), each with its own subdirectories inside when there is room. Hovering says which
 * folder and how big; a click goes into a folder here and opens it in the file tree.
 */
export function Treemap({
  summary,
  onReveal,
}: {
  summary: FilesystemSummary;
  onReveal: (path: string) => void;
}) {
  const { ref, width, height } = useElementSize();
  const index = useMemo(() => indexDirectories(summary), [summary]);
  const [focus, setFocus] = useState('');
  const [hover, setHover] = useState<TreemapNode>();
  const focusTotal = index.totals(focus)?.size ?? 0;

  const boxes = useMemo(() => {
    const top = squarify(index.children(focus), (node) => node.size, { x: 0, y: 0, w: width, h: height });
    return top.map((placed, i) => {
      const { rect, item } = placed;
      const nested =
        item.kind === 'dir' && item.hasChildren && rect.w >= NEST_MIN.w && rect.h >= NEST_MIN.h
          ? squarify(index.children(item.path), (node) => node.size, {
              x: rect.x + 2,
              y: rect.y + LABEL,
              w: rect.w - 4,
              h: rect.h - LABEL - 2,
            })
          : [];
      return { ...placed, color: PALETTE[i % PALETTE.length]!, nested };
    });
  }, [index, focus, width, height]);

  const pick = (node: TreemapNode) => {
    if (node.kind === 'dir' && node.hasChildren) setFocus(node.path);
    onReveal(node.path);
  };

  return (
    <div className={classes.section} data-testid="treemap-section">
      <Group gap={4} wrap="nowrap" fz="xs" data-testid="treemap-crumbs">
        {breadcrumbs(focus).map((crumb, i) => (
          <Fragment key={crumb.path}>
            {i > 1 && (
              <Text span inherit c="dimmed">
                /
              </Text>
            )}
            <Anchor
              component="button"
              fz="xs"
              onClick={() => setFocus(crumb.path)}
              data-testid="treemap-crumb"
              data-path={crumb.path}
            >
              {crumb.name}
            </Anchor>
          </Fragment>
        ))}
        <Text span fz="xs" c="dimmed" ml="auto">
          {formatBytes(focusTotal)}
        </Text>
      </Group>
      <div ref={ref} className={classes.treemap} data-testid="treemap" data-focus={focus}>
        {boxes.map(({ item, rect, color, nested }) => (
          <Fragment key={`${item.kind} ${item.path}`}>
            <Cell
              node={item}
              rect={rect}
              color={color}
              depth={0}
              hovered={sameNode(hover, item)}
              onHover={setHover}
              onPick={pick}
            />
            {nested.map((child) => (
              <Cell
                key={`${child.item.kind} ${child.item.path} nested`}
                node={child.item}
                rect={child.rect}
                color={color}
                depth={1}
                hovered={sameNode(hover, child.item)}
                onHover={setHover}
                onPick={pick}
              />
            ))}
          </Fragment>
        ))}
        {boxes.length === 0 && width > 0 && (
          <Text fz="xs" c="dimmed" p="xs">
            No files here.
          </Text>
        )}
      </div>
      <div className={classes.hoverLine} data-testid="treemap-hover">
        {hover ? (
          <>
            <span className={classes.mono}>
              /{hover.kind === 'rest' ? `${hover.path ? `${hover.path}/` : ''}…` : hover.path}
            </span>{' '}
            <Text span fz="xs" c="dimmed">
              {hover.kind === 'rest' ? `${hover.name} · ` : ''}
              {formatBytes(hover.size)} · {formatCount(hover.files, 'file')}
              {focusTotal > 0 ? ` · ${((hover.size / focusTotal) * 100).toFixed(1)} %` : ''}
            </Text>
          </>
        ) : (
          <Text span fz="xs" c="dimmed">
            Point at a box to see its folder and size; click to open it.
          </Text>
        )}
      </div>
    </div>
  );
}
