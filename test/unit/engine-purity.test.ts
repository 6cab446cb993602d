import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** The engine runs in Node, the panel and a worker alike: it may import only itself. */
const ENGINE = resolve(__dirname, '../../src/engine');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));
}

describe('src/engine is pure', () => {
  const sources = files(ENGINE);
  it('has sources to check', () => expect(sources.length).toBeGreaterThan(20));
  for (const file of sources) {
    it(relative(ENGINE, file), () => {
      const text = readFileSync(file, 'utf8');
      // TypeScript's own scanner: import/export-from and import(), not code quoted in a snippet's strings.
      for (const { fileName: specifier } of ts.preProcessFile(text, true, true).importedFiles) {
        expect(specifier, `${file} imports ${specifier}`).toMatch(/^\.\.?\//);
        expect(resolve(file, '..', specifier!).startsWith(ENGINE), `${specifier} leaves src/engine`).toBe(true);
      }
      const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"])\/\/.*$/gm, '$1');
      expect(code).not.toMatch(/\b(chrome|browser)\.\w+\(|\bdocument\.[a-z]|\bwindow\.[a-z]/);
    });
  }
});

/** Only src/platform touches the extension APIs: the panel, the DevTools page and the CLI go through it. */
describe('extension APIs only in src/platform', () => {
  const SRC = resolve(__dirname, '../../src');
  const PLATFORM = join(SRC, 'platform');
  const outside = files(SRC).concat(readdirSync(join(SRC, 'panel'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.tsx')).map((f) => join(SRC, 'panel', f)))
    .filter((file) => !file.startsWith(PLATFORM));
  it('has sources to check', () => expect(outside.length).toBeGreaterThan(50));
  it.each(outside.map((file) => [relative(SRC, file), file]))('%s', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    for (const { fileName: specifier } of ts.preProcessFile(text, true, true).importedFiles) {
      expect(specifier, `${file} imports ${specifier}`).not.toMatch(/^webextension-polyfill$|\/platform\/extension-api(\.ts)?$/);
    }
    const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"])\/\/.*$/gm, '$1');
    expect(code).not.toMatch(/\b(chrome|browser)\.(devtools|runtime|tabs|storage|downloads|permissions|scripting)\b/);
  });
});
