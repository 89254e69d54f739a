import { Box } from '@mantine/core';

/** Gray while unknown, teal when the engine answers, red when it does not. */
export function StatusDot({ reachable }: { reachable: boolean | undefined }) {
  const color = reachable === undefined ? 'gray' : reachable ? 'teal' : 'red';
  return (
    <Box
      aria-hidden="true"
      style={{
        width: 8,
        height: 8,
        borderRadius: 4,
        flexShrink: 0,
        background: `var(--mantine-color-${color}-6)`,
      }}
    />
  );
}
