// What the metering tests share: settings without clock-aligned meter values.

export const NO_ALIGNED = { 'AlignedDataCtrlr.Interval': '0', 'AlignedDataCtrlr.TxEndedInterval': '0' };

export function NO_ALIGNED_OPTIONS() {
  return { values: { ...NO_ALIGNED } };
}
