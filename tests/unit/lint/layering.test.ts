import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layering rule must fire on forbidden imports. Each case lints a snippet as if it lived at
 * `filePath` with the project's real eslint.config.js.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImportMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering lint', () => {
  const forbidden: Array<[string, string]> = [
    ['common/site/x.ts', "import { readFile } from 'node:fs';"],
    ['common/site/x.ts', "import path from 'path';"],
    ['common/site/x.ts', "import { app } from 'electron';"],
    ['common/site/x.ts', "import { useState } from 'react';"],
    ['common/site/x.ts', "import { x } from '../../main/services/core';"],
    ['common/site/x.ts', "import { x } from '../../renderer/src/app/App';"],
    ['main/services/x.ts', "import { app } from 'electron';"],
    ['main/services/x.ts', "import { x } from '../../renderer/src/main';"],
    ['main/web/x.ts', "import { ipcMain } from 'electron/main';"],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';"],
    ['renderer/src/x.ts', "import { readFile } from 'node:fs/promises';"],
    ['renderer/src/x.ts', "import { createCore } from '../../main/services/core';"],
    ['preload/x.ts', "import { createCore } from '../main/services/core';"],
  ];
  for (const [file, code] of forbidden) {
    it(`refuses in ${file}: ${code}`, async () => {
      expect(await restrictedImportMessages(file, code)).not.toEqual([]);
    });
  }

  const allowed: Array<[string, string]> = [
    ['common/site/x.ts', "import { z } from 'zod';"],
    ['main/services/x.ts', "import { readFile } from 'node:fs';"],
    ['main/electron/x.ts', "import { app } from 'electron';"],
    ['renderer/src/x.ts', "import { SiteSchema } from '../../common/site/siteSchema';"],
    ['preload/x.ts', "import { contextBridge } from 'electron';"],
  ];
  for (const [file, code] of allowed) {
    it(`allows in ${file}: ${code}`, async () => {
      expect(await restrictedImportMessages(file, code)).toEqual([]);
    });
  }
});
