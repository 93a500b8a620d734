// The package as a user gets it: `npm pack`, unpacked into a fresh project beside only the dependencies the
// package declares, type-checked there with `tsc --strict` without skipLibCheck, and run. What runs is the
// complete example of docs/integration.md, against a CSMS on loopback. The tarball holds the code, the types,
// the docs and the LICENSE, and no source maps; the root entry loads neither the simulator, nor the demo, nor
// ocpp-rpc; the demo CSMS says plainly that it needs ocpp-rpc.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CsmsPeer } from '../../support/csms-peer.js';
import { acceptingCsms } from '../../support/test-station.js';
import { runNode } from '../../support/run-node.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');

/** The ```ts block of a section of a Markdown file. */
function codeOf(file: string, heading: string): string {
  const text = readFileSync(join(repo, file), 'utf8');
  const section = text.slice(text.indexOf(heading));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  assert.ok(match, `${file} has a TypeScript example under "${heading}"`);
  return match[1]!;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

describe('the packed package in a fresh project', { timeout: 300_000 }, () => {
  let work: string;
  let project: string;
  let installed: string;

  before(() => {
    assert.ok(existsSync(join(repo, 'dist', 'src', 'index.js')), 'the package is built (npm run build; npm test does it first)');
    work = mkdtempSync(join(tmpdir(), 'ocpp-package-'));
    const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: repo, encoding: 'utf8' })) as { filename: string }[];
    project = join(work, 'project');
    installed = join(project, 'node_modules', 'ocpp-station');
    mkdirSync(installed, { recursive: true });
    execFileSync('tar', ['-xzf', join(work, packed[0]!.filename), '-C', installed, '--strip-components=1']);
    // The package's declared dependencies, as npm would install them (they resolve their own from this checkout);
    // ocpp-rpc, an optional peer, is left out on purpose. @types/node is the project's own, as in any Node project.
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    for (const name of [...Object.keys(manifest.dependencies), '@types/node']) {
      const link = join(project, 'node_modules', name);
      mkdirSync(dirname(link), { recursive: true });
      symlinkSync(join(repo, 'node_modules', name), link, 'dir');
    }
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'fresh-project', private: true, type: 'module' }));
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          skipLibCheck: false,
          types: ['node'],
          outDir: 'dist',
          rootDir: 'src',
        },
        include: ['src'],
      }),
    );
    mkdirSync(join(project, 'src'));
    writeFileSync(join(project, 'src', 'session.ts'), codeOf('docs/integration.md', '## A complete example'));
    writeFileSync(
      join(project, 'src', 'entries.ts'),
      [
        "import type { EffectiveLimit, EvseHost, StationEvents, TokenOutcome } from 'ocpp-station';",
        "import { ScaledClock, type StationControl } from 'ocpp-station/simulator';",
        "import { OcppLink, type BlockDefinition } from 'ocpp-station/internal';",
        'const host: EvseHost = { setEnergyTransferAllowed: () => undefined, unlockConnector: async () => true, setChargingLimit: (_evseId: number, limit: EffectiveLimit) => void limit.amps };',
        "const outcome: TokenOutcome = { result: 'stopped', evseId: 1 };",
        "type Started = StationEvents['transactionStarted'];",
        'export const uses: [EvseHost, TokenOutcome, Started | undefined, StationControl | undefined, BlockDefinition | undefined] = [host, outcome, undefined, undefined, undefined];',
        'export const classes = [ScaledClock, OcppLink];',
        '',
      ].join('\n'),
    );
  });

  after(() => rmSync(work, { recursive: true, force: true }));

  it('holds the code, its types, the docs, the README and the LICENSE; no source maps, tests or benchmarks', () => {
    const files = filesUnder(installed).map((file) => relative(installed, file));
    for (const needed of ['LICENSE', 'README.md', 'package.json', 'docs/integration.md', 'docs/errors.md', 'docs/seed-api.md', 'dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/entries/simulator.d.ts', 'dist/src/entries/internal.d.ts', 'dist/src/cli/main.js']) {
      assert.ok(files.includes(needed), `the package holds ${needed}`);
    }
    assert.deepEqual(files.filter((file) => file.endsWith('.map')), []);
    assert.deepEqual(files.filter((file) => /^dist\/(test|bench)\//.test(file) || file.endsWith('.ts') && !file.endsWith('.d.ts')), []);
    const mapped = files.filter((file) => file.endsWith('.js') && readFileSync(join(installed, file), 'utf8').includes('sourceMappingURL'));
    assert.deepEqual(mapped, []);
  });

  it('type-checks a program using the three entry points with tsc --strict, skipLibCheck off', () => {
    const result = spawnSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' });
    assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
  });

  it('runs the complete example of docs/integration.md against a CSMS: one whole session, then it exits', async () => {
    const peer = await CsmsPeer.start({
      handlers: {
        ...acceptingCsms(),
        Authorize: () => ({ idTokenInfo: { status: 'Accepted' } }),
        TransactionEvent: () => ({}),
        MeterValues: () => ({}),
      },
    });
    try {
      const run = await runNode([join(project, 'dist', 'session.js'), peer.url, 'CS-PACKAGE'], { cwd: project });
      assert.equal(run.code, 0, run.output);
      assert.match(run.output, /registration: Accepted/);
      assert.match(run.output, /card: authorized/);
      assert.match(run.output, /transaction \S+ ended: EVDisconnected/);
      const events = peer.callsOf('TransactionEvent').filter((call) => call.identity === 'CS-PACKAGE').map((call) => call.payload.eventType);
      assert.equal(events[0], 'Started');
      assert.equal(events.at(-1), 'Ended');
      assert.ok(events.includes('Updated'));
    } finally {
      await peer.close();
    }
  });

  it('the root entry loads neither the simulator, the control API, the demo, the console, the CLI, ocpp-rpc, commander nor pino', async () => {
    const script = join(project, 'import-root.mjs');
    writeFileSync(script, "await import('ocpp-station');\n");
    const run = await runNode(['--import', join(repo, 'test', 'support', 'module-trace.mjs'), script], { cwd: project });
    assert.equal(run.code, 0, run.output);
    const line = run.output.split('\n').find((text) => text.startsWith('MODULES '));
    assert.ok(line, run.output);
    const loaded = (JSON.parse(line.slice('MODULES '.length)) as string[]).map((url) => url.replace(/^file:\/\//, ''));
    const ours = loaded.filter((path) => path.includes('/node_modules/ocpp-station/')).map((path) => path.split('/node_modules/ocpp-station/')[1]!);
    assert.ok(ours.includes('dist/src/station/charging-station.js'));
    assert.deepEqual(ours.filter((path) => /dist\/src\/(simulator|control|demo|console|cli|entries)\//.test(path)), []);
    assert.deepEqual(loaded.filter((path) => /\/node_modules\/(ocpp-rpc|commander|pino)\//.test(path)), []);
  });

  it('the simulator entry loads without ocpp-rpc; its demo CSMS says it needs it (DEMO_NEEDS_OCPP_RPC)', async () => {
    const script = join(project, 'demo-csms.mjs');
    writeFileSync(script, "const { startDemoCsms } = await import('ocpp-station/simulator');\nawait startDemoCsms().catch((error) => console.log(error.code, error.message));\n");
    const run = await runNode([script], { cwd: project });
    assert.equal(run.code, 0, run.output);
    assert.match(run.output, /DEMO_NEEDS_OCPP_RPC the demo CSMS needs the package ocpp-rpc/);
  });
});
