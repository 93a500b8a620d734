// The layers of src/, as no-restricted-imports rules: a module may import from its own layer and the layers
// below it only, with the few extra bans written out below. Lowest first:
//
//   1 foundation: src/messages, src/events, src/pki, src/clock.ts, src/logger.ts, src/errors.ts, src/station-clock.ts
//   1.5 src/transfer                    (file downloads and uploads over HTTP(S) and FTP(S): the foundation only)
//   2 src/rpc
//   3 src/transport, src/queue          (may use each other; neither the link)
//   4 src/device-model < src/storage    (storage may import the device model, not the other way round)
//   5 src/link
//   6 src/blocks/shared < src/blocks/<block>   (blocks may import each other; never the concrete link class)
//   7 src/station
//   8 src/control < src/simulator, src/console (side by side) < src/demo   (control never imports the station)
//   9 src/cli
//  10 entry points: src/index.ts (the station library: no simulator, control, console, demo, cli) and src/entries/
//
// Everywhere in src: no test/, bench/ or scripts/, and ocpp-rpc in src/demo only. test/, bench/ and scripts/
// may import anything.
//
// no-restricted-imports matches the import specifier as written, which depends on where the importing file
// is, so the patterns are made per folder: each folder of src (and each layer folder still to be added) gets
// one config whose regular expressions name the forbidden targets relative to that folder. The folders are
// read when the config loads: an editor's ESLint server sees a folder made after it started once it reloads.
import { readdirSync } from 'node:fs';
import { join, posix } from 'node:path';

/** What an import can land in. `rank` orders the layers; a unit without one is only banned where named. */
const UNITS = {
  foundation: {
    rank: 1,
    label: 'the foundation (src/messages, src/events, src/pki, clock, logger, errors, station-clock)',
    targets: [
      { dir: 'src/messages' },
      { dir: 'src/events' },
      { dir: 'src/pki' },
      { module: 'src/clock' },
      { module: 'src/logger' },
      { module: 'src/errors' },
      { module: 'src/station-clock' },
    ],
  },
  transfer: { rank: 1.5, label: 'src/transfer', targets: [{ dir: 'src/transfer' }] },
  rpc: { rank: 2, label: 'src/rpc', targets: [{ dir: 'src/rpc' }] },
  transport: { rank: 3, label: 'src/transport', targets: [{ dir: 'src/transport' }] },
  queue: { rank: 3, label: 'src/queue', targets: [{ dir: 'src/queue' }] },
  deviceModel: { rank: 4, label: 'src/device-model', targets: [{ dir: 'src/device-model' }] },
  storage: { rank: 4.1, label: 'src/storage', targets: [{ dir: 'src/storage' }] },
  link: { rank: 5, label: 'src/link', targets: [{ dir: 'src/link' }] },
  linkClass: { label: 'the concrete link class (src/link/ocpp-link*)', targets: [{ prefix: 'src/link/ocpp-link' }] },
  blocksShared: { rank: 6, label: 'src/blocks/shared', targets: [{ dir: 'src/blocks/shared' }] },
  blocks: { rank: 6.1, label: 'a block (src/blocks/<block>)', targets: [{ childrenOf: 'src/blocks', except: ['shared'] }] },
  station: { rank: 7, label: 'src/station', targets: [{ dir: 'src/station' }] },
  control: { rank: 8, label: 'src/control', targets: [{ dir: 'src/control' }] },
  simulator: { rank: 8.1, label: 'src/simulator', targets: [{ dir: 'src/simulator' }] },
  console: { rank: 8.1, label: 'src/console', targets: [{ dir: 'src/console' }] },
  demo: { rank: 8.2, label: 'src/demo', targets: [{ dir: 'src/demo' }] },
  cli: { rank: 9, label: 'src/cli', targets: [{ dir: 'src/cli' }] },
  entries: { rank: 10, label: 'an entry point (src/index.ts, src/entries/)', targets: [{ module: 'src/index' }, { dir: 'src/entries' }] },
  ocppRpc: { label: 'ocpp-rpc', targets: [{ pkg: 'ocpp-rpc' }] },
  outside: { label: 'test/, bench/ or scripts/', targets: [{ dir: 'test' }, { dir: 'bench' }, { dir: 'scripts' }] },
};

/**
 * Who imports: each folder or file of src belongs to the most specific entry whose `where` holds it. `rank`
 * bans every unit ranked higher; `deny` adds units, `allow` lifts the bans every module of src has.
 */
const IMPORTERS = [
  { name: 'src', label: 'src', where: ['src'], rank: Infinity },
  { name: 'foundation', label: 'the foundation', where: UNITS.foundation.targets.map(fileOrDir), rank: 1 },
  { name: 'transfer', label: 'src/transfer', where: ['src/transfer'], rank: 1.5 },
  { name: 'rpc', label: 'src/rpc', where: ['src/rpc'], rank: 2 },
  { name: 'transport', label: 'src/transport', where: ['src/transport'], rank: 3 },
  { name: 'queue', label: 'src/queue', where: ['src/queue'], rank: 3 },
  { name: 'deviceModel', label: 'src/device-model', where: ['src/device-model'], rank: 4 },
  { name: 'storage', label: 'src/storage', where: ['src/storage'], rank: 4.1 },
  { name: 'link', label: 'src/link', where: ['src/link'], rank: 5 },
  { name: 'blocksShared', label: 'src/blocks/shared', where: ['src/blocks/shared'], rank: 6, deny: ['linkClass'] },
  { name: 'blocks', label: 'a block', where: ['src/blocks'], rank: 6.1, deny: ['linkClass'] },
  { name: 'station', label: 'src/station', where: ['src/station'], rank: 7 },
  { name: 'control', label: 'src/control', where: ['src/control'], rank: 8, deny: ['station'] },
  { name: 'simulator', label: 'src/simulator', where: ['src/simulator'], rank: 8.1, deny: ['console'] },
  { name: 'console', label: 'src/console', where: ['src/console'], rank: 8.1, deny: ['simulator'] },
  { name: 'demo', label: 'src/demo', where: ['src/demo'], rank: 8.2, allow: ['ocppRpc'] },
  { name: 'cli', label: 'src/cli', where: ['src/cli'], rank: 9 },
  { name: 'entries', label: 'an entry point', where: ['src/entries'], rank: 10, allow: ['entries'] },
  {
    name: 'rootEntry',
    label: 'the root entry src/index.ts',
    where: ['src/index.ts'],
    rank: 10,
    deny: ['control', 'simulator', 'console', 'demo', 'cli'],
    allow: ['entries'],
  },
];

/** Banned everywhere in src unless an importer allows it. */
const ALWAYS_DENIED = ['ocppRpc', 'outside', 'entries'];

/** Layer folders that may not exist yet: their rules are in force from their first file on. */
const PLANNED_FOLDERS = ['src/events', 'src/blocks/shared', 'src/console', 'src/entries'];

const ORDER =
  'foundation < transfer < rpc < transport, queue < device-model < storage < link < blocks/shared < blocks < station ' +
  '< control < simulator, console < demo < cli < entry points';


/** Messages for particular bans; the rest get the general one. Keyed `importer>unit`, `*` for any importer. */
const MESSAGES = {
  'blocks>linkClass':
    'blocks must not import the concrete link class (src/link/ocpp-link*); use the Send/LinkPort types in ' +
    'src/blocks/shared (the LinkSettings types in src/link/link-settings* are fine).',
  'blocksShared>linkClass':
    'src/blocks/shared must not import the concrete link class (src/link/ocpp-link*); it declares the ' +
    'Send/LinkPort types that the link satisfies (the LinkSettings types in src/link/link-settings* are fine).',
  'blocks>station':
    'blocks must not import src/station: the station builds the blocks and hands them what they need; take it ' +
    'as a constructor argument typed in the block or in src/blocks/shared.',
  'blocksShared>station':
    'src/blocks/shared must not import src/station: the station builds the blocks, not the other way round.',
  'blocksShared>blocks':
    'src/blocks/shared sits below the blocks and must not import a block (src/blocks/<block>); move what both ' +
    'need into src/blocks/shared.',
  'transfer>rpc':
    'src/transfer sits just above the foundation (layer 1.5) and may use only the foundation (errors, clock, ' +
    'logger): a file transfer knows nothing of OCPP, its RPC or its connection.',
  'transport>link':
    'src/transport sits below the link (layer 3 < 5) and must not import src/link; types both need belong in a ' +
    'lower layer.',
  'queue>link':
    'src/queue sits below the link (layer 3 < 5) and must not import src/link; types both need belong in a lower ' +
    'layer.',
  'queue>storage':
    'src/queue (layer 3) must not import src/storage (layer 4); the store port the queue needs belongs with the ' +
    'queue (or lower), and storage implements it.',
  'deviceModel>storage':
    'src/device-model must not import src/storage: storage implements the device model\'s store port ' +
    '(src/device-model/device-model-store.ts), not the other way round.',
  'control>station':
    'src/control must not import src/station: it defines the StationControl interface and the HTTP API; the ' +
    'simulator implements StationControl on top of the station.',
  'control>simulator':
    'src/control must not import src/simulator: it defines the StationControl interface that the simulator ' +
    'implements, not the other way round.',
  'simulator>console': 'src/simulator and src/console sit side by side and must not import each other; both may use src/station and src/control.',
  'console>simulator': 'src/simulator and src/console sit side by side and must not import each other; both may use src/station and src/control.',
  'rootEntry>control': rootEntryMessage(),
  'rootEntry>simulator': rootEntryMessage(),
  'rootEntry>console': rootEntryMessage(),
  'rootEntry>demo': rootEntryMessage(),
  'rootEntry>cli': rootEntryMessage(),
  '*>ocppRpc':
    'ocpp-rpc (a CSMS-side RPC library) may only be imported in src/demo, test/ and bench/; the station has its ' +
    'own RPC in src/rpc.',
  '*>outside': 'src must not import test/, bench/ or scripts/.',
  '*>entries':
    'nothing in src imports an entry point (src/index.ts, src/entries/); import the module that defines the name.',
};

function rootEntryMessage() {
  return (
    'the root entry src/index.ts is the station library and must not import the simulator, control API, ' +
    'console, demo or CLI (nor ocpp-rpc); export those from the separate simulator entry point in src/entries/.'
  );
}

function fileOrDir(target) {
  return target.dir ?? `${target.module}.ts`;
}

function messageFor(importer, unitName) {
  const unit = UNITS[unitName];
  return (
    MESSAGES[`${importer.name}>${unitName}`] ??
    MESSAGES[`*>${unitName}`] ??
    `${importer.label} must not import ${unit.label}: imports only go down the layers (${ORDER}).`
  );
}

function deniedUnits(importer) {
  const denied = new Set(Object.keys(UNITS).filter((name) => UNITS[name].rank > importer.rank));
  for (const name of [...ALWAYS_DENIED, ...(importer.deny ?? [])]) denied.add(name);
  for (const name of importer.allow ?? []) denied.delete(name);
  return [...denied];
}

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The path from folder `from` to `to` as an import specifier spells it ('./x' or '../x'). */
function specifierPath(from, to) {
  const rel = posix.relative(from, to);
  return rel.startsWith('..') ? rel : `./${rel}`;
}

function isInside(folder, dir) {
  return folder === dir || folder.startsWith(`${dir}/`);
}

/** A regular expression for the specifiers, written in files of `folder`, that land in `target`; undefined if `folder` is inside it. */
function targetRegex(folder, target) {
  if (target.pkg) return `^${escape(target.pkg)}(/|$)`;
  if (target.dir) return isInside(folder, target.dir) ? undefined : `^${escape(specifierPath(folder, target.dir))}(/|$)`;
  if (target.module) return `^${escape(specifierPath(folder, target.module))}(\\.[cm]?[jt]sx?)?$`;
  if (target.prefix) return `^${escape(specifierPath(folder, target.prefix))}[^/]*$`;
  // childrenOf: every folder (or file) directly in `childrenOf` but the excepted ones, and what is below them.
  const { childrenOf, except } = target;
  if (isInside(folder, childrenOf) && !except.some((name) => isInside(folder, `${childrenOf}/${name}`))) return undefined;
  const skip = [...except.map(escape), '\\.\\.?'].join('|');
  return `^${escape(specifierPath(folder, childrenOf))}/(?!(?:${skip})(?:/|$))[^/]+(/|$)`;
}

function restrictions(folder, importer) {
  const patterns = [];
  for (const unitName of deniedUnits(importer)) {
    const message = messageFor(importer, unitName);
    for (const target of UNITS[unitName].targets) {
      const regex = targetRegex(folder, target);
      if (regex !== undefined) patterns.push({ regex, message });
    }
  }
  return ['error', { patterns }];
}

/** The importer a folder of src belongs to: the one with the longest `where` folder holding it. */
function importerOfFolder(folder) {
  let best;
  for (const importer of IMPORTERS) {
    for (const where of importer.where) {
      if (where.endsWith('.ts') || !isInside(folder, where)) continue;
      if (!best || where.length > best.where.length) best = { importer, where };
    }
  }
  return best.importer;
}

function foldersOf(root) {
  const folders = new Set(['src', ...PLANNED_FOLDERS]);
  for (const entry of readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const parent = posix.relative(root, (entry.parentPath ?? entry.path).split('\\').join('/'));
    folders.add(posix.join(parent, entry.name));
  }
  return [...folders].sort();
}

/** The flat-config objects that enforce the layers, one per folder of src (and one per layer file in src/). */
export function layerConfigs(root) {
  const sources = '*.{ts,tsx,mts,cts}';
  const configs = [];
  for (const folder of foldersOf(root)) {
    const importer = importerOfFolder(folder);
    configs.push({
      name: `layers/${folder}`,
      files: [`${folder}/${sources}`],
      rules: { 'no-restricted-imports': restrictions(folder, importer) },
    });
  }
  for (const importer of IMPORTERS) {
    for (const file of importer.where.filter((where) => where.endsWith('.ts'))) {
      configs.push({
        name: `layers/${file}`,
        files: [file],
        rules: { 'no-restricted-imports': restrictions(posix.dirname(file), importer) },
      });
    }
  }
  return configs;
}
