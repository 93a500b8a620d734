// What a block tells the world about a file transfer it runs (a firmware download, a log upload): bytes moved so
// far, for consoles and tools. The location never carries the user info the CSMS put in it.

/** Bytes moved by one transfer of a CSMS request. */
export interface TransferProgressEvent {
  readonly requestId: number;
  /** The URL without user info. */
  readonly location: string;
  readonly bytes: number;
  /** When known: a Content-Length, an FTP SIZE, the size of the file sent. */
  readonly totalBytes?: number;
}

/** A location as tools may show it: `user:password@` left out. */
export function withoutUserInfo(location: string): string {
  return location.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
}
