// local/no-import-cycle: reports every import that closes a cycle in the graph of relative imports, with the
// cycle's path in the message. Type-only imports, `export ... from`, `import('...')` (in code and in types)
// and `import x = require('...')` all count: a cycle through types still ties the modules together.
//
// Resolution follows NodeNext as this project writes it: './x.js' is './x.ts' (else .tsx, else the .js file
// itself), './x.mjs' is './x.mts' (else .mjs), './dir/index.js' is a plain file, and an extensionless
// './x' or directory './dir' is tried as x.ts, x.tsx, x.js, x.mjs, dir/index.ts, dir/index.js. Bare
// specifiers (packages, node:) are not followed, nor is an import whose file does not exist.
//
// The graph is kept for the whole lint run, in this module: each file on disk is parsed once (with the
// TypeScript parser, so .ts and .js both work) and parsed again only if its mtime or size changes. The file
// being linted contributes its imports from its own AST (what the editor has, even if unsaved).
import { readFileSync, statSync } from 'node:fs';
import { dirname, extname, relative, resolve } from 'node:path';
import ts from 'typescript';

/** path -> { mtimeMs, size, deps: string[] } for files read from disk. */
const diskGraph = new Map();

function isRelative(specifier) {
  return specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../');
}

function isFile(path) {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}

function candidatesFor(base) {
  const ext = extname(base);
  const stem = base.slice(0, base.length - ext.length);
  switch (ext) {
    case '.js':
      return [`${stem}.ts`, `${stem}.tsx`, base];
    case '.jsx':
      return [`${stem}.tsx`, base];
    case '.mjs':
      return [`${stem}.mts`, base];
    case '.cjs':
      return [`${stem}.cts`, base];
    case '':
      return [`${base}.ts`, `${base}.tsx`, `${base}.js`, `${base}.mjs`, `${base}/index.ts`, `${base}/index.js`];
    default:
      // .ts written out, .json, ... and a directory whose name has a dot.
      return [base, `${base}/index.ts`, `${base}/index.js`];
  }
}

/** The absolute path of the file a relative import names, or undefined if it is not a relative import or no such file exists. */
export function resolveImport(fromFile, specifier) {
  if (!isRelative(specifier)) return undefined;
  const base = resolve(dirname(fromFile), specifier);
  return candidatesFor(base).find(isFile);
}

function scriptKindOf(file) {
  switch (extname(file)) {
    case '.ts':
    case '.mts':
    case '.cts':
      return ts.ScriptKind.TS;
    case '.tsx':
      return ts.ScriptKind.TSX;
    case '.jsx':
      return ts.ScriptKind.JSX;
    case '.json':
      return ts.ScriptKind.JSON;
    default:
      return ts.ScriptKind.JS;
  }
}

/** Every module specifier a source text names: import/export declarations, import-equals, import() calls and types. */
export function specifiersIn(file, text) {
  const found = [];
  const options = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
  const source = ts.createSourceFile(file, text, options, false, scriptKindOf(file));
  // import() can sit anywhere; without one in the text, the top-level statements hold every import.
  const deep = /\bimport\s*\(/.test(text);
  const literal = (node) => (node && ts.isStringLiteralLike(node) ? node.text : undefined);
  const visit = (node) => {
    let specifier;
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) specifier = literal(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      specifier = literal(node.moduleReference.expression);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) specifier = literal(node.argument.literal);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) specifier = literal(node.arguments[0]);
    if (specifier !== undefined) found.push(specifier);
    if (deep) ts.forEachChild(node, visit);
  };
  for (const statement of source.statements) visit(statement);
  return found;
}

function resolvedDeps(file, specifiers) {
  const deps = new Set();
  for (const specifier of specifiers) {
    const target = resolveImport(file, specifier);
    if (target !== undefined) deps.add(target);
  }
  return [...deps];
}

/** The resolved imports of a file on disk, from the cache while the file is unchanged; [] if it is gone or unreadable. */
function depsOnDisk(file) {
  const stats = statSync(file, { throwIfNoEntry: false });
  if (!stats?.isFile()) {
    diskGraph.delete(file);
    return [];
  }
  const cached = diskGraph.get(file);
  if (cached && cached.mtimeMs === stats.mtimeMs && cached.size === stats.size) return cached.deps;
  let deps = [];
  if (extname(file) !== '.json') {
    try {
      deps = resolvedDeps(file, specifiersIn(file, readFileSync(file, 'utf8')));
    } catch {
      deps = [];
    }
  }
  diskGraph.set(file, { mtimeMs: stats.mtimeMs, size: stats.size, deps });
  return deps;
}

/** The shortest import path from `start` back to `goal` (both included), or undefined if there is none. */
function pathBack(start, goal, depsOf) {
  const parent = new Map([[start, undefined]]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i];
    for (const next of depsOf(node)) {
      if (parent.has(next)) continue;
      parent.set(next, node);
      if (next === goal) {
        const path = [goal];
        for (let at = node; at !== undefined; at = parent.get(at)) path.unshift(at);
        return path;
      }
      queue.push(next);
    }
  }
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow import cycles between local modules, type-only imports included',
    },
    schema: [],
    messages: {
      cycle:
        'Import cycle: {{cycle}}. Type-only imports count too. Break it by moving what both sides need into a module ' +
        'lower down (often a types file or a port interface), or by passing it in instead of importing it.',
    },
  },
  create(context) {
    const file = context.physicalFilename;
    const cwd = context.cwd;
    /** Each import in this file: the node to report and the file it resolves to. */
    const imports = [];
    const collect = (sourceNode) => {
      if (sourceNode && typeof sourceNode.value === 'string') {
        const target = resolveImport(file, sourceNode.value);
        if (target !== undefined) imports.push({ node: sourceNode, target });
      }
    };

    return {
      ImportDeclaration: (node) => collect(node.source),
      ExportNamedDeclaration: (node) => collect(node.source),
      ExportAllDeclaration: (node) => collect(node.source),
      ImportExpression: (node) => collect(node.source.type === 'Literal' ? node.source : undefined),
      TSImportType: (node) => collect(node.argument?.type === 'TSLiteralType' ? node.argument.literal : undefined),
      TSExternalModuleReference: (node) => collect(node.expression),
      'Program:exit'() {
        if (imports.length === 0) return;
        const ownDeps = [...new Set(imports.map((i) => i.target))];
        const depsOf = (path) => (path === file ? ownDeps : depsOnDisk(path));
        const cycles = new Map();
        for (const { node, target } of imports) {
          if (!cycles.has(target)) cycles.set(target, target === file ? [file] : pathBack(target, file, depsOf));
          const back = cycles.get(target);
          if (back === undefined) continue;
          const cycle = [file, ...back].map((p) => relative(cwd, p).split('\\').join('/')).join(' → ');
          context.report({ node, messageId: 'cycle', data: { cycle } });
        }
      },
    };
  },
};

export default rule;
