import { Box, Progress, Text } from '@mantine/core';
import type { TaskPart, TaskProgress } from '../../../../src-main/core/tasks/types.js';
import { formatCount } from '../../lib/format.js';
import { partColor, partPercent, partStatus } from './part-progress.js';
import classes from './TaskParts.module.css';
import type { TaskSpeeds } from './transfer-speed.js';

/** A removal of thousands of images has thousands of parts: past this many, they are counted. */
const SHOWN = 200;

function PartRow({
  part,
  speed,
  unit,
}: {
  part: TaskPart;
  speed: number | undefined;
  unit: TaskProgress['unit'];
}) {
  const percent = partPercent(part);
  return (
    <Box
      className={classes.part}
      data-testid="transfer-part"
      data-part-id={part.id}
      data-state={part.state}
      data-percent={Math.round(percent)}
    >
      <Text fz="xs" ff="monospace" truncate="end" title={part.label}>
        {part.label}
      </Text>
      <Progress
        size={4}
        value={percent}
        color={partColor(part)}
        aria-label={`${part.label} progress`}
        transitionDuration={150}
      />
      <Text fz="xs" c="dimmed" className={classes.status}>
        {partStatus(part, speed, unit)}
      </Text>
    </Box>
  );
}

/** One bar per layer (or blob) of a transfer, with its bytes and speed; one per item of other tasks. */
export function TaskParts({
  parts,
  unit,
  speeds,
}: {
  parts: readonly TaskPart[];
  unit: TaskProgress['unit'];
  speeds?: TaskSpeeds;
}) {
  return (
    <Box className={classes.parts} data-testid="transfer-parts">
      {parts.slice(0, SHOWN).map((part) => (
        <PartRow key={part.id} part={part} unit={unit} speed={speeds?.parts[part.id]?.speed} />
      ))}
      {parts.length > SHOWN && (
        <Text fz="xs" c="dimmed">
          and {formatCount(parts.length - SHOWN, 'more')}
        </Text>
      )}
    </Box>
  );
}
