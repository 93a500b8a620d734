// Declarations for no-import-cycle.js, so that TypeScript tests can import the rule.
import type { Rule } from 'eslint';

/** The absolute path of the file a relative import names, or undefined if it is not relative or no such file exists. */
export function resolveImport(fromFile: string, specifier: string): string | undefined;
/** Every module specifier a source text names (import/export declarations, import-equals, import() in code and types). */
export function specifiersIn(file: string, text: string): string[];

declare const rule: Rule.RuleModule;
export default rule;
