import type { Clock } from '../../../common/bookmarks/outbox';
import type { VmsTarget } from '../../../common/site/vmsTargets';
import type { SecretStore, VmsAdapter } from './adapter';
import { FrigateAdapter } from './frigateAdapter';
import { MilestoneAdapter } from './milestoneAdapter';
import { NxAdapter } from './nxAdapter';
import { WebhookAdapter } from './webhookAdapter';

export interface AdapterDeps {
  secrets: SecretStore;
  clock: Clock;
}

export function createVmsAdapter(target: VmsTarget, deps: AdapterDeps): VmsAdapter {
  switch (target.type) {
    case 'webhook':
      return new WebhookAdapter(target, deps.secrets);
    case 'nx':
      return new NxAdapter(target, deps.secrets);
    case 'milestone':
      return new MilestoneAdapter(target, deps.secrets);
    case 'frigate':
      return new FrigateAdapter(target, deps.secrets, deps.clock);
  }
}
