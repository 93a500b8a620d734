// Shared pieces of the benchmarks: a loopback CSMS (ocpp-rpc strict RPCServer), payloads, and printing.
import type { AddressInfo } from 'node:net';
import { RPCServer } from 'ocpp-rpc';
import type { Request } from '../src/messages/types.js';

export interface BenchCsms {
  url: string;
  close(): Promise<void>;
  /** seqNo of every TransactionEvent answered, in arrival order. */
  transactionSeqNos: number[];
}

export async function startBenchCsms(): Promise<BenchCsms> {
  const server = new RPCServer({ protocols: ['ocpp2.0.1'], strictMode: true, pingIntervalMs: 0 });
  const transactionSeqNos: number[] = [];
  server.auth((accept) => accept({}));
  server.on('client', (client) => {
    client.handle('Heartbeat', () => ({ currentTime: new Date().toISOString() }));
    client.handle('TransactionEvent', ({ params }: { params: { seqNo: number } }) => {
      transactionSeqNos.push(params.seqNo);
      return {};
    });
  });
  const http = await server.listen(0, '127.0.0.1');
  const { port } = http.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/ocpp`,
    transactionSeqNos,
    close: () => server.close({ force: true }),
  };
}

/** A TransactionEvent(Updated) carrying ten sampled values, as a metering station sends every interval. */
export function transactionEventWithSamples(seqNo: number): Request<'TransactionEvent'> {
  const timestamp = new Date().toISOString();
  const measurands = [
    'Energy.Active.Import.Register',
    'Power.Active.Import',
    'Current.Import',
    'Voltage',
    'Current.Offered',
    'Power.Offered',
    'SoC',
    'Frequency',
    'Power.Factor',
    'Energy.Active.Export.Register',
  ] as const;
  return {
    eventType: 'Updated',
    timestamp,
    triggerReason: 'MeterValuePeriodic',
    seqNo,
    transactionInfo: { transactionId: 'bench-tx-0001', chargingState: 'Charging' },
    meterValue: [
      {
        timestamp,
        sampledValue: measurands.map((measurand, i) => ({
          value: 1000 + i * 17.5 + seqNo,
          measurand,
          context: 'Sample.Periodic' as const,
        })),
      },
    ],
  };
}

export function rate(count: number, ms: number): number {
  return (count / ms) * 1000;
}

/** min / median / max of a sample. */
export interface Spread {
  min: number;
  median: number;
  max: number;
}

export function spreadOf(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0]!, median: sorted[Math.floor(sorted.length / 2)]!, max: sorted.at(-1)! };
}

export function formatSpread(spread: Spread, digits = 0): string {
  return `${spread.median.toFixed(digits)} (${spread.min.toFixed(digits)}-${spread.max.toFixed(digits)})`;
}

/**
 * Runs ours and the baseline alternately, `rounds` times each (ours first in odd rounds, the baseline first in
 * even ones, so neither always gets the warmer machine), and returns what each round measured.
 */
export async function alternate(
  rounds: number,
  ours: () => Promise<number> | number,
  baseline: () => Promise<number> | number,
): Promise<{ ours: number[]; baseline: number[] }> {
  const result = { ours: [] as number[], baseline: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      result.ours.push(await ours());
      result.baseline.push(await baseline());
    } else {
      result.baseline.push(await baseline());
      result.ours.push(await ours());
    }
  }
  return result;
}

/** One line: rates (per second) of ours and the baseline as median (min-max) over the rounds, and the ratio of medians. */
export function printRates(label: string, ours: readonly number[], baselineName: string, baseline: readonly number[], goal?: number): void {
  const o = spreadOf(ours);
  const b = spreadOf(baseline);
  const ratio = o.median / b.median;
  const verdict = goal === undefined ? '' : ` (goal >= ${goal.toFixed(1)}x) ${ratio >= goal ? 'OK' : 'BELOW GOAL'}`;
  console.log(`${label.padEnd(30)} ours ${formatSpread(o)}/s   ${baselineName} ${formatSpread(b)}/s   ratio ${ratio.toFixed(2)}x${verdict}`);
}
