// The lint rule local/no-import-cycle (eslint/rules/no-import-cycle.js), on a fixture folder made for the
// test: the file under lint comes from the test case, the files it imports from disk.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { Linter, RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import rule, { resolveImport, specifiersIn } from '../../../eslint/rules/no-import-cycle.js';

const root = realpathSync(mkdtempSync(join(tmpdir(), 'no-import-cycle-')));
after(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string): string {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

/** The cycle as the rule spells it: paths from the working directory, joined by arrows. */
function cycle(...paths: string[]): string {
  return paths.map((p) => relative(process.cwd(), join(root, p)).split('\\').join('/')).join(' → ');
}

// The fixture, on disk. Each group of files is its own little graph.
write('two/a.ts', "import { b } from './b.js';\nexport const a = b;\n");
write('two/b.ts', "import { a } from './a.js';\nexport const b = 1;\nexport const alsoA = () => a;\n");
write('types/t1.ts', "import type { T2 } from './t2.js';\nexport interface T1 { next?: T2 }\n");
write('types/t2.ts', "import type { T1 } from './t1.js';\nexport interface T2 { back?: T1 }\n");
write('three/p.ts', "export * from './q/index.js';\nexport const p = 1;\n");
write('three/q/index.ts', "export { r } from '../r.js';\n");
write('three/r.ts', "import { p } from './p.js';\nexport const r = p;\n");
write('query/m1.ts', "export type M2 = typeof import('./m2.js');\nexport const m1 = 1;\n");
write('query/m2.ts', "import { m1 } from './m1.js';\nexport const m2 = m1;\n");
write('dirs/main.ts', "import { leaf } from './pkg';\nexport const main = leaf;\n");
write('dirs/pkg/index.ts', "import { main } from '../main.js';\nexport const leaf = 1;\nexport const m = () => main;\n");
write('chain/c1.ts', "import { c2 } from './c2.js';\nexport const c1 = c2;\n");
write('chain/c2.ts', "import { c3 } from './c3.js';\nexport const c2 = c3;\n");
write('chain/c3.ts', 'export const c3 = 3;\n');
write('plain-js/x.ts', "import { y } from './y.js';\nexport const x = y;\n");
write('plain-js/y.js', "import { x } from './x.js';\nexport const y = 1;\nexport const z = () => x;\n");
write('short/s1.ts', "import { s2 } from './s2.js';\nimport { s3 } from './s3.js';\nexport const s1 = s2 + s3;\n");
write('short/s2.ts', "import { s3 } from './s3.js';\nexport const s2 = s3;\n");
write('short/s3.ts', "import { s1 } from './s1.js';\nexport const s3 = 1;\nexport const back = () => s1;\n");
write('self/me.ts', "export const me = 1;\n");
write('edited/e1.ts', "import { e2 } from './e2.js';\nexport const e1 = e2;\n");
write('edited/e2.ts', "import { e1 } from './e1.js';\nexport const e2 = 2;\nexport const f = () => e1;\n");

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });
const file = (path: string) => join(root, path);

tester.run('no-import-cycle', rule, {
  valid: [
    { name: 'a chain without a way back', filename: file('chain/c1.ts'), code: "import { c2 } from './c2.js';\nexport const c1 = c2;\n" },
    { name: 'the end of a chain', filename: file('chain/c3.ts'), code: 'export const c3 = 3;\n' },
    {
      name: 'packages, node: modules and missing files are not followed',
      filename: file('chain/c3.ts'),
      code: "import { readFileSync } from 'node:fs';\nimport ts from 'typescript';\nimport { gone } from './missing.js';\nexport const c3 = [readFileSync, ts, gone];\n",
    },
    {
      name: 'the file under lint counts as edited: dropping the import that closed the cycle ends it',
      filename: file('edited/e1.ts'),
      code: 'export const e1 = 1;\n',
    },
  ],
  invalid: [
    {
      name: 'two files importing each other',
      filename: file('two/a.ts'),
      code: "import { b } from './b.js';\nexport const a = b;\n",
      errors: [{ messageId: 'cycle', data: { cycle: cycle('two/a.ts', 'two/b.ts', 'two/a.ts') }, line: 1, column: 19 }],
    },
    {
      name: 'type-only imports both ways',
      filename: file('types/t1.ts'),
      code: "import type { T2 } from './t2.js';\nexport interface T1 { next?: T2 }\n",
      errors: [{ messageId: 'cycle', data: { cycle: cycle('types/t1.ts', 'types/t2.ts', 'types/t1.ts') } }],
    },
    {
      name: 'a three-file cycle through export * and a folder index',
      filename: file('three/p.ts'),
      code: "export * from './q/index.js';\nexport const p = 1;\n",
      errors: [{ messageId: 'cycle', data: { cycle: cycle('three/p.ts', 'three/q/index.ts', 'three/r.ts', 'three/p.ts') } }],
    },
    {
      name: 'the same cycle, linted from the middle (export { } from)',
      filename: file('three/q/index.ts'),
      code: "export { r } from '../r.js';\n",
      errors: [{ messageId: 'cycle', data: { cycle: cycle('three/q/index.ts', 'three/r.ts', 'three/p.ts', 'three/q/index.ts') } }],
    },
    {
      name: 'an import() type counts',
      filename: file('query/m1.ts'),
      code: "export type M2 = typeof import('./m2.js');\nexport const m1 = 1;\n",
      errors: [{ messageId: 'cycle', data: { cycle: cycle('query/m1.ts', 'query/m2.ts', 'query/m1.ts') } }],
    },
    {
      name: 'an import() type on the way back counts',
      filename: file('query/m2.ts'),
      code: "import { m1 } from './m1.js';\nexport const m2 = m1;\n",
      errors: [{ messageId: 'cycle', data: { cycle: cycle('query/m2.ts', 'query/m1.ts', 'query/m2.ts') } }],
    },
    {
      name: 'a folder imported without index.js',
      filename: file('dirs/main.ts'),
      code: "import { leaf } from './pkg';\nexport const main = leaf;\n",
      errors: [{ messageId: 'cycle', data: { cycle: cycle('dirs/main.ts', 'dirs/pkg/index.ts', 'dirs/main.ts') } }],
    },
    {
      name: 'a .js import of a real .js file',
      filename: file('plain-js/x.ts'),
      code: "import { y } from './y.js';\nexport const x = y;\n",
      errors: [{ messageId: 'cycle', data: { cycle: cycle('plain-js/x.ts', 'plain-js/y.js', 'plain-js/x.ts') } }],
    },
    {
      name: 'each import that closes a cycle is reported, with the shortest way back',
      filename: file('short/s1.ts'),
      code: "import { s2 } from './s2.js';\nimport { s3 } from './s3.js';\nexport const s1 = s2 + s3;\n",
      errors: [
        { messageId: 'cycle', data: { cycle: cycle('short/s1.ts', 'short/s2.ts', 'short/s3.ts', 'short/s1.ts') }, line: 1 },
        { messageId: 'cycle', data: { cycle: cycle('short/s1.ts', 'short/s3.ts', 'short/s1.ts') }, line: 2 },
      ],
    },
    {
      name: 'only the import that closes a cycle is reported',
      filename: file('two/b.ts'),
      code: "import { c3 } from '../chain/c3.js';\nimport { a } from './a.js';\nexport const b = c3;\nexport const alsoA = () => a;\n",
      errors: [{ messageId: 'cycle', data: { cycle: cycle('two/b.ts', 'two/a.ts', 'two/b.ts') }, line: 2 }],
    },
    {
      name: 'a file importing itself',
      filename: file('self/me.ts'),
      code: "import { me as again } from './me.js';\nexport const me = 1;\nexport const twice = again;\n",
      errors: [{ messageId: 'cycle', data: { cycle: cycle('self/me.ts', 'self/me.ts') } }],
    },
    {
      name: 'the file under lint counts as edited: a new import that closes a cycle is reported before it is saved',
      filename: file('chain/c3.ts'),
      code: "import { c1 } from './c1.js';\nexport const c3 = c1;\n",
      errors: [{ messageId: 'cycle', data: { cycle: cycle('chain/c3.ts', 'chain/c1.ts', 'chain/c2.ts', 'chain/c3.ts') } }],
    },
  ],
});

describe('no-import-cycle, across lints in one process', () => {
  const linter = new Linter({ cwd: root });
  const config = [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tseslint.parser },
      plugins: { local: { rules: { 'no-import-cycle': rule } } },
      rules: { 'local/no-import-cycle': 'error' as const },
    },
  ];

  it('sees a file on disk change: the cycle ends once the other side drops its import', () => {
    const path = write('later/l1.ts', "import { l2 } from './l2.js';\nexport const l1 = l2;\n");
    write('later/l2.ts', "import { l1 } from './l1.js';\nexport const l2 = 2;\nexport const f = () => l1;\n");
    const code = "import { l2 } from './l2.js';\nexport const l1 = l2;\n";
    assert.deepEqual(
      linter.verify(code, config, path).map((m) => /^Import cycle: (.*?)\. /.exec(m.message)?.[1]),
      ['later/l1.ts → later/l2.ts → later/l1.ts'],
    );
    write('later/l2.ts', 'export const l2 = 2;\n');
    assert.deepEqual(linter.verify(code, config, path), []);
  });
});

describe('resolveImport', () => {
  it('resolves NodeNext specifiers to the TypeScript files', () => {
    const from = file('three/p.ts');
    assert.equal(resolveImport(from, './q/index.js'), file('three/q/index.ts'));
    assert.equal(resolveImport(from, './r.js'), file('three/r.ts'));
    assert.equal(resolveImport(from, './r'), file('three/r.ts'));
    assert.equal(resolveImport(from, './q'), file('three/q/index.ts'));
    assert.equal(resolveImport(from, '../two/b.js'), file('two/b.ts'));
    assert.equal(resolveImport(file('plain-js/x.ts'), './y.js'), file('plain-js/y.js'));
  });

  it('leaves packages, node: modules and missing files alone', () => {
    const from = file('three/p.ts');
    assert.equal(resolveImport(from, 'typescript'), undefined);
    assert.equal(resolveImport(from, 'node:fs'), undefined);
    assert.equal(resolveImport(from, './nothing.js'), undefined);
  });
});

describe('specifiersIn', () => {
  it('finds every kind of import and re-export, and none in comments or strings', () => {
    const text = [
      "// import { z } from './commented.js';",
      "const s = \"import x from './in-string.js'\";",
      "import type { A } from './a.js';",
      "import { type B, C } from './b.js';",
      "import * as ns from './c.js';",
      "import './side.js';",
      "export { d } from './d.js';",
      "export type { E } from './e.js';",
      "export * from './f.js';",
      "export * as g from './g.js';",
      "export type * from './h.js';",
      "type I = typeof import('./i.js');",
      "async function later() { return import('./j.js'); }",
      "import k = require('./k.js');",
    ].join('\n');
    assert.deepEqual(specifiersIn('x.ts', text), [
      './a.js',
      './b.js',
      './c.js',
      './side.js',
      './d.js',
      './e.js',
      './f.js',
      './g.js',
      './h.js',
      './i.js',
      './j.js',
      './k.js',
    ]);
  });
});
