import { Badge, Tooltip } from '@mantine/core';
import { memo } from 'react';
import type { ErrorShape } from '../../../../src-main/core/errors.js';
import type { AttachedTag, TagDetails } from '../../../../src-main/core/registry/types.js';
import { formatBytes, formatExactTime, formatRelativeTime, shortId } from '../../lib/format.js';
import { CopyValue } from '../../ui/CopyValue.js';
import { IconSignature } from '../../ui/icons.js';
import tableClasses from '../../ui/VirtualTable.module.css';
import { TrustBadgeCell } from '../trust/TrustBadgeCell.js';
import { PlatformChips } from './PlatformChips.js';
import classes from './RegistryLists.module.css';
import { describeAttached, kindLabel, type TagRow as Row } from './tag-rows.js';

export const TAG_ROW_HEIGHT = 28;
/** Tag, digest, platforms, size, created, trust, attached: the header and every row share it. */
export const TAG_GRID = 'minmax(160px, 2fr) 150px minmax(200px, 1.6fr) 84px 112px 84px 80px';

interface Props {
  row: Row;
  /** `host/path:tag`, for the trust badge. */
  reference: string;
  details: TagDetails | undefined;
  failed: ErrorShape | undefined;
  attached: readonly AttachedTag[] | undefined;
  index: number;
  start: number;
  cursor: boolean;
  onOpen: (tag: string) => void;
}

function Pending({ failed }: { failed: ErrorShape | undefined }) {
  return failed ? (
    <span className={tableClasses.dim} title={`${failed.code}: ${failed.message}`} data-code={failed.code}>
      ?
    </span>
  ) : (
    <span className={tableClasses.dim}>…</span>
  );
}

/** One tag; memoized, and its details object is stable, so rows re-render only when their own data came. */
export const TagRow = memo(function TagRow({
  row,
  reference,
  details,
  failed,
  attached,
  index,
  start,
  cursor,
  onOpen,
}: Props) {
  return (
    <tr
      aria-rowindex={index + 2}
      aria-selected={cursor}
      className={`${tableClasses.row} ${classes.row}${row.attached ? ` ${classes.attachedRow}` : ''}`}
      data-testid="tag-row"
      data-tag={row.tag}
      data-digest={details?.digest}
      data-kind={row.attached?.kind}
      data-cursor={cursor || undefined}
      style={{ height: TAG_ROW_HEIGHT, transform: `translateY(${start}px)`, gridTemplateColumns: TAG_GRID }}
      onClick={() => onOpen(row.tag)}
    >
      <td className={tableClasses.cell}>
        <span className={tableClasses.text} title={row.tag}>
          {row.tag}
        </span>
        {row.attached && (
          <Badge size="xs" variant="light" color="gray" tt="none" style={{ flexShrink: 0 }}>
            {kindLabel(row.attached.kind)}
          </Badge>
        )}
      </td>
      <td className={tableClasses.cell}>
        {details ? (
          <>
            <span className={tableClasses.mono} title={details.digest}>
              {shortId(details.digest)}
            </span>
            <span className={tableClasses.copy}>
              <CopyValue value={details.digest} label="Copy digest" />
            </span>
          </>
        ) : (
          <Pending failed={failed} />
        )}
      </td>
      <td className={tableClasses.cell}>
        {details ? <PlatformChips platforms={details.platforms} /> : <Pending failed={failed} />}
      </td>
      <td className={tableClasses.cell} data-align="end">
        {details ? (
          <span title={`${details.size.toLocaleString('en')} bytes`}>{formatBytes(details.size)}</span>
        ) : (
          <Pending failed={failed} />
        )}
      </td>
      <td className={tableClasses.cell}>
        {details ? (
          <span
            className={tableClasses.text}
            title={details.created ? formatExactTime(details.created) : undefined}
          >
            {details.created ? formatRelativeTime(details.created) : '—'}
          </span>
        ) : (
          <Pending failed={failed} />
        )}
      </td>
      <td className={tableClasses.cell}>
        {/* A signature or attestation tag is not signed itself: no badge. */}
        <TrustBadgeCell reference={row.attached ? undefined : reference} />
      </td>
      <td className={tableClasses.cell} data-testid="tag-attached" data-count={attached?.length ?? 0}>
        {attached && attached.length > 0 && (
          <Tooltip label={describeAttached(attached)}>
            <span style={{ display: 'inline-flex', alignItems: 'center', gap: 3 }}>
              <IconSignature size={13} />
              {attached.length}
            </span>
          </Tooltip>
        )}
      </td>
    </tr>
  );
});
