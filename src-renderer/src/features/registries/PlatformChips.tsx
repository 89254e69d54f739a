import type { Platform } from '../../../../src-main/core/registry/types.js';
import tableClasses from '../../ui/VirtualTable.module.css';
import classes from './RegistryLists.module.css';

const SHOWN = 2;

/** `linux/arm64/v8`, as `docker pull --platform` takes it. */
export function platformName(platform: Platform): string {
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/');
}

/** A tag's platforms as small chips: the first few, then how many more (all of them in the tooltip). */
export function PlatformChips({ platforms }: { platforms: readonly Platform[] }) {
  if (platforms.length === 0) return <span className={tableClasses.dim}>—</span>;
  const names = platforms.map(platformName);
  return (
    <span className={classes.chips} title={names.join('\n')}>
      {names.slice(0, SHOWN).map((name, index) => (
        <span
          // biome-ignore lint/suspicious/noArrayIndexKey: Windows images list one platform per OS version: a name may come twice.
          key={`${name} ${index}`}
          className={classes.chip}
        >
          {name}
        </span>
      ))}
      {names.length > SHOWN && <span className={classes.chip}>+{names.length - SHOWN}</span>}
    </span>
  );
}
