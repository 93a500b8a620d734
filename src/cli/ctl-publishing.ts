// `ocpp-station ctl publishing`: the firmware files the station publishes for other stations (L03), a line each
// with its checksum, name, size and locations, then the last PublishFirmwareStatusNotification and the download
// in progress.
import type { ControlClient } from '../control/control-client.js';

export async function showPublishing(client: ControlClient): Promise<{ json: unknown; line: string }> {
  const summary = await client.publishing();
  const files = summary.published.map((file) => `${file.checksum} ${file.fileName} (${file.size} bytes) ${file.locations.join(' ')}`.trimEnd());
  const last = `last status ${summary.lastStatus}${summary.lastRequestId !== undefined ? ` (request ${summary.lastRequestId})` : ''}`;
  const download = summary.download ? `; download ${summary.download.requestId} ${summary.download.phase} from ${summary.download.location}` : '; no download in progress';
  return { json: summary, line: [...files, last + download].join('\n') };
}
