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

export function printComparison(label: string, ours: number, baselineName: string, baseline: number, goal: number): void {
  const ratio = ours / baseline;
  console.log(
    `${label.padEnd(34)} ours ${ours.toFixed(0).padStart(7)}/s   ${baselineName} ${baseline.toFixed(0).padStart(7)}/s   ratio ${ratio.toFixed(2)}x (goal >= ${goal.toFixed(1)}x) ${ratio >= goal ? 'OK' : 'BELOW GOAL'}`,
  );
}
