// A file that is not a backup this app can read, or a wrong passphrase: the message is shown
// to the user as is. Its own file, so the page can import backupCrypto.ts (to recognise a
// protected backup) without pulling in Automerge.
export class BackupError extends Error {
  override name = 'BackupError';
}
