import { Button } from '@mantine/core';
import { useState } from 'react';
import type { EngineEndpoint } from '../../../../src-main/core/engine/types.js';
import { IconPlus } from '../../ui/icons.js';
import { AddEngineDialog } from './AddEngineDialog.js';
import { EngineTable } from './EngineTable.js';
import { RemoveEngineDialog } from './RemoveEngineDialog.js';
import { SettingsSection } from './SettingsSection.js';

/** Every engine Stevedore knows, which one is in use, and the ones the user adds or removes. */
export function EnginesSection() {
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<EngineEndpoint>();
  return (
    <SettingsSection
      title="Engines"
      description="Docker Engines found through DOCKER_HOST, your docker contexts and the default socket follow your Docker setup; change them there. Engines you add here are remembered by Stevedore."
      actions={
        <Button leftSection={<IconPlus size={14} />} onClick={() => setAdding(true)} data-testid="engine-add">
          Add engine
        </Button>
      }
    >
      <EngineTable onRemove={setRemoving} />
      {adding && <AddEngineDialog onClose={() => setAdding(false)} />}
      {removing && <RemoveEngineDialog endpoint={removing} onClose={() => setRemoving(undefined)} />}
    </SettingsSection>
  );
}
