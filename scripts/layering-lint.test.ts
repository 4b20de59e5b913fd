import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Proves the layering rules in eslint.config.js bite: each snippet is linted as if it lived at that path.
const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, '..') });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('layering lint rules', () => {
  it.each([
    ['shared/formats/x.ts', "import fs from 'node:fs'; export const a = fs;"],
    ['shared/formats/x.ts', "import { readFileSync } from 'fs'; export const a = readFileSync;"],
    ['shared/formats/x.ts', "import { app } from 'electron'; export const a = app;"],
    ['shared/formats/x.ts', "import React from 'react'; export const a = React;"],
    ['shared/formats/x.ts', "import { x } from '../../electron/common/csp.js'; export const a = x;"],
    ['renderer/views/x.tsx', "import { ipcRenderer } from 'electron'; export const a = ipcRenderer;"],
    ['renderer/views/x.tsx', "import { createCurationService } from '../../electron/service/curation-service.js'; export const a = createCurationService;"],
    ['renderer/views/x.tsx', "import path from 'node:path'; export const a = path;"],
    ['electron/service/x.ts', "import { app } from 'electron'; export const a = app;"],
    ['electron/shell/helper.ts', "import { app } from 'electron'; export const a = app;"],
  ])('%s: refuses %s', async (file, code) => {
    expect(await ruleIds(file, code)).toContain('no-restricted-imports');
  });

  it('refuses platform globals in shared/', async () => {
    expect(await ruleIds('shared/model/x.ts', 'export const a = () => window.location.href;')).toContain('no-restricted-globals');
    expect(await ruleIds('shared/model/x.ts', 'export const a = () => Buffer.from("x");')).toContain('no-restricted-globals');
  });

  it.each([
    ['electron/shell/main.ts', "import { app } from 'electron'; export const a = app;"],
    ['electron/shell/preload.ts', "import { contextBridge } from 'electron'; export const a = contextBridge;"],
    ['electron/service/x.ts', "import fs from 'node:fs'; export const a = fs;"],
    ['renderer/views/x.tsx', "import { operationNames } from '../../shared/api/contract.js'; export const a = operationNames;"],
  ])('%s: allows %s', async (file, code) => {
    expect(await ruleIds(file, code)).toEqual([]);
  });
});

describe('layering lint rules within shared/', () => {
  it('allows deep relative imports inside shared/', async () => {
    expect(await ruleIds('shared/formats/cytoclus/info/x.ts', "import { CurationError } from '../../../api/errors.js'; export const a = CurationError;")).toEqual([]);
  });
});
