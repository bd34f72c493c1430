import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../../../main/services/core';
import { DEFAULT_RESOURCES_DIR } from '../../../../../main/services/paths';
import { openNodeSettings } from '../../../../../main/services/settings/settingsStore';
import { tempDirWith } from '../../../../support/testSite';

const SECRET = 'Pl4za-Norte-9000!';

describe("the app's log", () => {
  it('never contains a stored credential, in any of the forms it may be written in', async () => {
    const dir = tempDirWith();
    const dataDir = join(dir, 'data');
    const console: string[] = [];
    const core = await createCore({ dataDir, resourcesDir: DEFAULT_RESOURCES_DIR, settings: openNodeSettings(dataDir).store, sitePathOverride: null, simulatorBase: null, version: 'test', transport: 'ws', log: (m) => console.push(m) });
    await core.secrets.set('vms-nx-password', SECRET);
    // The kinds of line a careless error path would write.
    core.log(`[error] nx: login failed for http://operator:${SECRET}@10.1.2.3:7001/rest/v3/login/sessions`);
    core.log(`[error] request body was {"username":"operator","password":"${SECRET}"}`);
    core.log(`[warning] retrying with Authorization: Basic ${Buffer.from(`operator:${SECRET}`).toString('base64')}`);
    core.log(`[info] the VMS said: invalid password ${SECRET}`);
    await core.close();

    const file = readFileSync(join(dataDir, 'logs', 'atalaya.log'), 'utf8');
    expect(file).toContain('nx: login failed');
    expect(file).not.toContain(SECRET);
    expect(file).not.toContain(Buffer.from(`operator:${SECRET}`).toString('base64'));
    expect(file).toContain('[REDACTED]');
    expect(console.join('\n')).not.toContain(SECRET);
  });
});
