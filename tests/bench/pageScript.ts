import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/**
 * The page probe as one script for `page.addInitScript({ content })`. Playwright's function
 * form would serialise the function as tsx compiled it, which calls tsx's own helpers
 * (`__name`) that do not exist in the page; so the two source files are transpiled here with
 * TypeScript and joined by a minimal CommonJS `require`.
 */

const HERE = import.meta.dirname;
const MODULES: Record<string, string> = {
  '../timestampCode': join(HERE, 'timestampCode.ts'),
  './page/pageProbe': join(HERE, 'page', 'pageProbe.ts'),
};

function transpile(file: string): string {
  return ts.transpileModule(readFileSync(file, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
    fileName: file,
  }).outputText;
}

export function probeScript(): string {
  const factories = Object.entries(MODULES)
    .map(([name, file]) => `${JSON.stringify(name)}: function (exports, require) {\n${transpile(file)}\n}`)
    .join(',\n');
  return `(() => {
  const factories = {${factories}};
  const cache = {};
  const require = (name) => {
    if (!(name in cache)) {
      cache[name] = {};
      factories[name](cache[name], require);
    }
    return cache[name];
  };
  require('./page/pageProbe').installProbe();
})();`;
}
