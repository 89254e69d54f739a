import { DataList } from '@mantine/core';
import type { ImageConfigInfo } from '../../../../src-main/core/registry/types.js';
import { Dim, Item, Mono } from '../../ui/DetailParts.js';
import { RunConfigItems } from '../../ui/RunConfigItems.js';

/** What the image runs and with what: the config's Env, Labels, Entrypoint, Cmd, WorkingDir, User, ports. */
export function ConfigTab({ config }: { config: ImageConfigInfo | null }) {
  if (!config) return <Dim>This manifest has no image config: it is an artifact, not a runnable image.</Dim>;
  const platform = [config.os, config.architecture, config.variant].filter(Boolean).join('/');
  return (
    <DataList size="xs" gap={6} labelWidth={110} data-testid="tag-config">
      <RunConfigItems config={config} />
      <Item label="Platform">
        <Mono>{platform || '—'}</Mono>
      </Item>
    </DataList>
  );
}
