import { Group, Text } from '@mantine/core';
import type { KeyboardEvent } from 'react';
import type { LayerInfo } from '../../../../src-main/core/layers/types.js';
import type { FilesystemSummary } from '../../../../src-main/core/layers/views.js';
import { formatBytes, formatCount, shortId } from '../../lib/format.js';
import { CopyValue } from '../../ui/CopyValue.js';
import classes from './Layers.module.css';
import { compressionLabel, mediaTypeFamily } from './layer-words.js';

type LayerCounts = FilesystemSummary['layers'][number];

const area = (name: string) => ({ 'data-area': name, style: { gridArea: name } });

function SizeBar({ size, max }: { size: number | null; max: number }) {
  const width = size !== null && max > 0 ? Math.max(1, (size / max) * 100) : 0;
  return (
    <div
      className={classes.bar}
      {...area('size')}
      title={size === null ? undefined : `${size.toLocaleString('en')} bytes`}
    >
      <span className={classes.barLabel}>{size === null ? '—' : formatBytes(size)}</span>
      <div className={classes.barTrack}>
        <div className={classes.barFill} style={{ width: `${width}%` }} />
      </div>
    </div>
  );
}

function Changes({ counts }: { counts: LayerCounts | undefined }) {
  if (!counts) return <span {...area('changes')} />;
  return (
    <Group gap={6} justify="flex-end" wrap="nowrap" fz={11} {...area('changes')} data-testid="layer-changes">
      <Text span inherit c="teal" title="paths added">
        +{counts.added}
      </Text>
      <Text span inherit c="yellow.7" title="paths changed">
        ~{counts.changed}
      </Text>
      <Text span inherit c="red" title="paths removed">
        −{counts.removed}
      </Text>
    </Group>
  );
}

function LayerRow({
  layer,
  max,
  counts,
  selected,
  onSelect,
}: {
  layer: LayerInfo;
  max: number;
  counts: LayerCounts | undefined;
  selected: boolean;
  onSelect: (index: number | undefined) => void;
}) {
  const what = `${mediaTypeFamily(layer.mediaType)} · ${compressionLabel(layer)}${layer.distributable ? '' : ' · foreign'}`;
  return (
    <div
      className={classes.layerRow}
      data-testid="layer-row"
      data-index={layer.index}
      data-digest={layer.digest}
      data-selected={selected || undefined}
      aria-selected={selected}
      role="option"
      tabIndex={-1}
      onClick={() => onSelect(selected ? undefined : layer.index)}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          onSelect(selected ? undefined : layer.index);
        }
      }}
    >
      <span className={`${classes.num} ${classes.dim}`} {...area('index')}>
        {layer.index + 1}
      </span>
      <SizeBar size={layer.size} max={max} />
      <span
        className={`${classes.num} ${classes.dim}`}
        {...area('unpacked')}
        title="Uncompressed (known once listed)"
      >
        {layer.uncompressedSize === null ? '—' : formatBytes(layer.uncompressedSize)}
      </span>
      <span className={`${classes.ellipsis} ${classes.dim}`} {...area('type')} title={layer.mediaType}>
        {what}
      </span>
      <Group gap={0} wrap="nowrap" justify="flex-end" {...area('digest')}>
        <span className={classes.mono} title={layer.digest}>
          {shortId(layer.digest)}
        </span>
        <CopyValue value={layer.digest} label="Copy digest" testId="layer-copy-digest" />
        {layer.diffId && (
          <CopyValue value={layer.diffId} label={`Copy diff ID ${layer.diffId}`} testId="layer-copy-diffid" />
        )}
      </Group>
      <span
        className={`${classes.ellipsis} ${classes.mono} ${classes.dim}`}
        {...area('command')}
        title={layer.createdBy ?? undefined}
        data-testid="layer-command"
      >
        {layer.createdBy ?? 'no history step'}
      </span>
      <Changes counts={counts} />
    </div>
  );
}

/**
 * The image's layers, base first: a bar of each one's size against the largest, the unpacked
 * size once listed, media type and compression, digest and diff ID to copy, and the command that
 * made it. Clicking a layer (or ↑/↓ here) shows the file tree as of that layer; again, or Esc, unselects.
 */
export function LayerList({
  layers,
  counts,
  selected,
  onSelect,
}: {
  layers: readonly LayerInfo[];
  counts: FilesystemSummary['layers'] | undefined;
  selected: number | undefined;
  onSelect: (index: number | undefined) => void;
}) {
  const max = layers.reduce((most, layer) => Math.max(most, layer.size ?? 0), 0);
  const total = layers.reduce((sum, layer) => sum + (layer.size ?? 0), 0);
  const unpacked = layers.every((layer) => layer.uncompressedSize !== null)
    ? layers.reduce((sum, layer) => sum + (layer.uncompressedSize ?? 0), 0)
    : null;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (layers.length === 0) return;
    const last = layers.length - 1;
    const move = (index: number) => {
      event.preventDefault();
      onSelect(Math.max(0, Math.min(last, index)));
    };
    if (event.key === 'ArrowDown') move(selected === undefined ? 0 : selected + 1);
    else if (event.key === 'ArrowUp') move(selected === undefined ? last : selected - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(last);
    else if (event.key === 'Escape' && selected !== undefined) {
      event.preventDefault();
      onSelect(undefined);
    }
  };

  return (
    <div
      className={classes.layerList}
      data-testid="layers-list"
      role="listbox"
      aria-label="Layers"
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div className={classes.layerHead}>
        <span {...area('index')}>#</span>
        <span className={classes.bar} {...area('size')}>
          <span className={classes.barLabel}>Size</span>
        </span>
        <span className={classes.num} {...area('unpacked')}>
          Unpacked
        </span>
        <span {...area('type')}>Type</span>
        <span className={classes.num} {...area('digest')}>
          Digest
        </span>
      </div>
      {layers.map((layer) => (
        <LayerRow
          key={layer.index}
          layer={layer}
          max={max}
          counts={counts?.[layer.index]}
          selected={selected === layer.index}
          onSelect={onSelect}
        />
      ))}
      <div className={classes.layerHead} data-testid="layers-total">
        <span {...area('index')} />
        <span className={classes.bar} {...area('size')}>
          <span className={classes.barLabel}>{formatBytes(total)}</span>
        </span>
        <span className={classes.num} {...area('unpacked')}>
          {unpacked === null ? '' : formatBytes(unpacked)}
        </span>
        <span {...area('type')}>{formatCount(layers.length, 'layer')}</span>
        <span {...area('digest')} />
      </div>
    </div>
  );
}
