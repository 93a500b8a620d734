// What a CSMS saw of transactions, judged by the rules a SIGKILL must not break: every transaction it heard of
// ends, its seqNo run has no gaps (a gap is a lost event), and one (transactionId, seqNo) never names two
// different events (a reused seqNo). The same event again after a kill is a duplicate: allowed, and counted.
export interface LedgerFigures {
  events: number;
  transactions: number;
  ended: number;
  duplicated: number;
  lost: number;
  reusedSeqNo: number;
  problems: string[];
}

export class TransactionLedger {
  private readonly byTransaction = new Map<string, Map<number, string[]>>();
  private events = 0;

  record(payload: { seqNo: number; transactionInfo: { transactionId: string } }): void {
    this.events++;
    const id = payload.transactionInfo.transactionId;
    const seqNos = this.byTransaction.get(id) ?? new Map<number, string[]>();
    this.byTransaction.set(id, seqNos);
    const copies = seqNos.get(payload.seqNo) ?? [];
    copies.push(JSON.stringify(payload));
    seqNos.set(payload.seqNo, copies);
  }

  figures(): LedgerFigures {
    const figures: LedgerFigures = { events: this.events, transactions: this.byTransaction.size, ended: 0, duplicated: 0, lost: 0, reusedSeqNo: 0, problems: [] };
    for (const [id, seqNos] of this.byTransaction) {
      const highest = Math.max(...seqNos.keys());
      for (let seqNo = 0; seqNo <= highest; seqNo++) {
        const copies = seqNos.get(seqNo);
        if (!copies) {
          figures.lost++;
          figures.problems.push(`${id}: seqNo ${seqNo} never arrived`);
          continue;
        }
        figures.duplicated += copies.length - 1;
        if (new Set(copies).size > 1) {
          figures.reusedSeqNo++;
          figures.problems.push(`${id}: seqNo ${seqNo} names ${new Set(copies).size} different events`);
        }
      }
      const last = JSON.parse(seqNos.get(highest)![0]!) as { eventType: string };
      if (last.eventType === 'Ended') figures.ended++;
      else figures.problems.push(`${id}: never ended (last seqNo ${highest} is ${last.eventType})`);
    }
    return figures;
  }
}
