// Which of the package's own types a user of an entry point meets without being able to name them: starting from
// every export of the entry, walk what a user implements or receives (public members, parameters, results, type
// arguments, union members) and collect each named type declared in src/ that the entry does not export.
import ts from 'typescript';
import { fileURLToPath } from 'node:url';
import { dirname, join, relative } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const srcDir = join(root, 'src');

export function createProgram(entries: readonly string[]): ts.Program {
  return ts.createProgram(
    entries.map((entry) => join(root, entry)),
    { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, strict: true, noEmit: true, skipLibCheck: true, types: ['node'] },
  );
}

/** Named types of src/ reachable from the entry's exports but not exported by it (nor by `alsoExporting`). */
export function unexportedTypes(program: ts.Program, entry: string, alsoExporting: readonly string[] = []): string[] {
  const checker = program.getTypeChecker();
  const exported = new Set<ts.Symbol>();
  const exportsOf = (file: string): ts.Symbol[] => {
    const source = program.getSourceFile(join(root, file));
    if (!source) throw new Error(`${file} is not in the program`);
    const moduleSymbol = checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`${file} is not a module`);
    return checker.getExportsOfModule(moduleSymbol);
  };
  const resolve = (symbol: ts.Symbol): ts.Symbol => (symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol);
  for (const file of [entry, ...alsoExporting]) for (const symbol of exportsOf(file)) exported.add(resolve(symbol));

  const missing = new Map<string, string>();
  const seenTypes = new Set<ts.Type>();
  const seenSymbols = new Set<ts.Symbol>();
  const isOurs = (symbol: ts.Symbol | undefined): boolean =>
    symbol?.declarations?.some((declaration) => declaration.getSourceFile().fileName.startsWith(srcDir)) ?? false;

  const visitSymbolMembers = (symbol: ts.Symbol, node: ts.Node): void => {
    if (seenSymbols.has(symbol)) return;
    seenSymbols.add(symbol);
    const type = checker.getTypeOfSymbolAtLocation(symbol, node);
    visitType(type, node);
    if (symbol.flags & (ts.SymbolFlags.Class | ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) {
      visitType(checker.getDeclaredTypeOfSymbol(symbol), node);
    }
  };

  const noteNamed = (symbol: ts.Symbol | undefined): void => {
    if (!symbol || !isOurs(symbol)) return;
    if (symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.Class | ts.SymbolFlags.TypeAlias | ts.SymbolFlags.Enum)) {
      if (!exported.has(symbol)) {
        const declaration = symbol.declarations![0]!;
        missing.set(symbol.getName(), relative(root, declaration.getSourceFile().fileName));
      }
    }
  };

  const visitSignature = (signature: ts.Signature, node: ts.Node): void => {
    for (const parameter of signature.getParameters()) visitType(checker.getTypeOfSymbolAtLocation(parameter, node), node);
    visitType(signature.getReturnType(), node);
    for (const parameter of signature.getTypeParameters() ?? []) {
      const constraint = parameter.getConstraint();
      if (constraint) visitType(constraint, node);
    }
  };

  const visitType = (type: ts.Type, node: ts.Node): void => {
    if (seenTypes.has(type)) return;
    seenTypes.add(type);
    noteNamed(type.aliasSymbol);
    for (const argument of type.aliasTypeArguments ?? []) visitType(argument, node);
    if (type.isUnionOrIntersection()) {
      for (const part of type.types) visitType(part, node);
      // An intersection's members are its parts' members.
      if (type.isUnion()) return;
    }
    const symbol = type.getSymbol();
    noteNamed(symbol);
    if (type.flags & ts.TypeFlags.Object) {
      const object = type as ts.ObjectType;
      if (object.objectFlags & ts.ObjectFlags.Reference) {
        for (const argument of checker.getTypeArguments(object as ts.TypeReference)) visitType(argument, node);
      }
      // Library types (Promise, Map, Date…) are walked through their type arguments only.
      if (symbol && !isOurs(symbol) && !(symbol.flags & ts.SymbolFlags.TypeLiteral) && symbol.getName() !== '__object') return;
      for (const property of checker.getPropertiesOfType(type)) {
        const declaration = property.valueDeclaration ?? property.declarations?.[0];
        if (declaration && ts.canHaveModifiers(declaration)) {
          const flags = ts.getCombinedModifierFlags(declaration as ts.Declaration);
          if (flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) continue;
        }
        if (property.getName().startsWith('#')) continue;
        visitType(checker.getTypeOfSymbolAtLocation(property, node), node);
      }
      for (const signature of type.getCallSignatures()) visitSignature(signature, node);
      for (const signature of type.getConstructSignatures()) {
        // A private constructor is no one's to call.
        const declaration = signature.getDeclaration() as ts.Declaration | undefined;
        if (declaration && ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Private) continue;
        visitSignature(signature, node);
      }
      const stringIndex = type.getStringIndexType();
      if (stringIndex) visitType(stringIndex, node);
      const numberIndex = type.getNumberIndexType();
      if (numberIndex) visitType(numberIndex, node);
    }
  };

  const source = program.getSourceFile(join(root, entry))!;
  for (const symbol of exportsOf(entry)) visitSymbolMembers(resolve(symbol), source);
  return [...missing].map(([name, file]) => `${name} (${file})`).sort();
}
