import { DataList } from '@mantine/core';
import type { ImageConfigInfo } from '../../../../src-main/core/registry/types.js';
import { Command, Dim, Item, Lines, Mono } from './DetailParts.js';

/** What the image runs and with what: the config's Env, Labels, Entrypoint, Cmd, WorkingDir, User, ports. */
export function ConfigTab({ config }: { config: ImageConfigInfo | null }) {
  if (!config) return <Dim>This manifest has no image config: it is an artifact, not a runnable image.</Dim>;
  const platform = [config.os, config.architecture, config.variant].filter(Boolean).join('/');
  const labels = Object.entries(config.labels).map(([key, value]) => `${key}=${value}`);
  return (
    <DataList size="xs" gap={6} labelWidth={110} data-testid="tag-config">
      <Item label="Entrypoint">
        <Command args={config.entrypoint} />
      </Item>
      <Item label="Cmd">
        <Command args={config.cmd} />
      </Item>
      <Item label="Working dir">
        {config.workingDir ? <Mono>{config.workingDir}</Mono> : <Dim>/ (default)</Dim>}
      </Item>
      <Item label="User">{config.user ? <Mono>{config.user}</Mono> : <Dim>root (default)</Dim>}</Item>
      <Item label="Ports">
        <Lines values={config.exposedPorts} />
      </Item>
      <Item label="Env">
        <Lines values={config.env} />
      </Item>
      <Item label="Labels">
        <Lines values={labels} />
      </Item>
      <Item label="Platform">
        <Mono>{platform || '—'}</Mono>
      </Item>
    </DataList>
  );
}
