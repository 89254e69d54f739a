import { Button, Menu } from '@mantine/core';
import { useState } from 'react';
import { useApp } from '../../../store/context.js';
import { IconChevronDown, IconCopy, IconDownload } from '../../../ui/icons.js';

/** Saves text as a file through the browser's download (Electron asks where). */
function download(fileName: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/x-pem-file' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A signing key's public half (`cosign.pub`), copied or downloaded, to hand to whoever verifies. */
export function ExportPublicKeyMenu({ name }: { name: string }) {
  const signingKeyPublicPem = useApp((s) => s.signingKeyPublicPem);
  const [state, setState] = useState<'idle' | 'busy' | 'copied' | 'failed'>('idle');

  const withPem = async (use: (pem: string) => Promise<void> | void, after: 'idle' | 'copied') => {
    setState('busy');
    try {
      await use(await signingKeyPublicPem(name));
      setState(after);
      if (after === 'copied') setTimeout(() => setState('idle'), 1200);
    } catch {
      setState('failed');
    }
  };

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          size="compact-xs"
          variant="default"
          loading={state === 'busy'}
          color={state === 'failed' ? 'red' : undefined}
          rightSection={<IconChevronDown size={12} />}
          data-testid="signing-key-export"
          data-state={state}
        >
          {state === 'copied' ? 'Copied' : state === 'failed' ? 'Export failed' : 'cosign.pub'}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item
          leftSection={<IconCopy size={14} />}
          onClick={() => void withPem((pem) => navigator.clipboard.writeText(pem), 'copied')}
          data-testid="signing-key-copy-pub"
        >
          Copy public key (PEM)
        </Menu.Item>
        <Menu.Item
          leftSection={<IconDownload size={14} />}
          onClick={() => void withPem((pem) => download(`${name}.pub`, pem), 'idle')}
          data-testid="signing-key-download-pub"
        >
          Download {name}.pub
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
