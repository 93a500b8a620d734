// Preloaded with `--import`: records the URL of every module this process loads, and prints them as one JSON
// line on standard error at exit. For tests that check what an import pulls in.
import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';

const { port1, port2 } = new MessageChannel();
const loaded = [];
port1.on('message', (url) => loaded.push(url));
port1.unref();
register('./module-trace-hooks.mjs', { parentURL: import.meta.url, data: { port: port2 }, transferList: [port2] });
process.on('exit', () => process.stderr.write(`MODULES ${JSON.stringify(loaded)}\n`));
