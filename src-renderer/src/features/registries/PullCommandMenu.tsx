import { Button, CopyButton, Menu, Text } from '@mantine/core';
import { IconCheck, IconChevronDown, IconCopy } from '../../ui/icons.js';
import { pullCommands } from './pull-command.js';

function CopyItem({ command, label, testId }: { command: string; label: string; testId: string }) {
  return (
    <CopyButton value={command} timeout={1200}>
      {({ copied, copy }) => (
        <Menu.Item
          closeMenuOnClick={false}
          leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
          onClick={copy}
          data-testid={testId}
          data-command={command}
        >
          <Text fz="xs" c="dimmed">
            {copied ? 'Copied' : label}
          </Text>
          <Text fz="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
            {command}
          </Text>
        </Menu.Item>
      )}
    </CopyButton>
  );
}

/** "Copy pull command": by tag (follows the tag) or by digest (always this exact image). */
export function PullCommandMenu({
  repository,
  tag,
  digest,
}: {
  repository: string;
  tag: string;
  digest: string | undefined;
}) {
  const commands = pullCommands(repository, tag, digest ?? null);
  return (
    <Menu position="bottom-end" width={440} shadow="md">
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<IconCopy size={14} />}
          rightSection={<IconChevronDown size={12} />}
          data-testid="copy-pull"
        >
          Copy pull command
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {commands.byTag && (
          <CopyItem
            command={commands.byTag}
            label="By tag: follows the tag when it moves"
            testId="copy-pull-tag"
          />
        )}
        {commands.byDigest && (
          <CopyItem
            command={commands.byDigest}
            label="By digest: always this exact image"
            testId="copy-pull-digest"
          />
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
