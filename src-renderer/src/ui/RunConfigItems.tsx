import type { ImageConfigInfo } from '../../../src-main/core/registry/types.js';
import { Command, Dim, Item, Lines, Mono } from './DetailParts.js';

/** What a container of the image runs, and with what: the engine and a registry report the same fields. */
export type RunConfig = Pick<
  ImageConfigInfo,
  'entrypoint' | 'cmd' | 'workingDir' | 'user' | 'exposedPorts' | 'env' | 'labels'
>;

/** The run config's rows for a `DataList`, in the order `docker inspect` lists them. */
export function RunConfigItems({ config }: { config: RunConfig }) {
  const labels = Object.entries(config.labels).map(([key, value]) => `${key}=${value}`);
  return (
    <>
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
    </>
  );
}
