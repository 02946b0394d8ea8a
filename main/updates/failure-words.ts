// An update failure in an admin's words. The codes are electron-updater's and builder-util-runtime's
// (ERR_UPDATER_*, ERR_CHECKSUM_MISMATCH, HttpError's statusCode), Node's (ECONNREFUSED…) and Chromium's
// net errors (net::ERR_…), which the app's updater uses for its requests.

export type UpdateStep = 'check' | 'download';

export function failureWords(error: unknown, step: UpdateStep): string {
  const code = typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : '';
  const status = typeof error === 'object' && error !== null && 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : null;
  const message = error instanceof Error ? error.message : String(error);

  if (code === 'ERR_CHECKSUM_MISMATCH' || /checksum mismatch/i.test(message)) {
    return 'The downloaded update does not match the checksum the update server published, so it was deleted and nothing was installed.';
  }
  if (code === 'ERR_UPDATER_INVALID_SIGNATURE') {
    return 'The downloaded installer is not signed by the expected publisher, so it was deleted and nothing was installed.';
  }
  if (code === 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND') {
    return 'The update server has no list of the latest version for this system (latest.yml). Check the address.';
  }
  if (code === 'ERR_UPDATER_INVALID_VERSION' || code === 'ERR_UPDATER_INVALID_UPDATE_INFO' || code === 'ERR_UPDATER_NO_FILES_PROVIDED') {
    return "The update server's latest.yml could not be read.";
  }
  if (code === 'ERR_UPDATER_INACTIVE') return 'This installation cannot update itself; install new versions the way it was installed.';
  if (status !== null) return `The update server answered HTTP ${status}.`;
  const download = /Cannot download .*status (\d{3})/.exec(message);
  if (download) return `The update server answered HTTP ${download[1]} for the installer.`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || /ERR_NAME_NOT_RESOLVED/.test(message)) return "The update server's name could not be found.";
  if (/ERR_CERT_|CERT_|self[- ]signed|unable to verify/i.test(code + message)) return "The update server's certificate is not trusted.";
  if (['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE'].includes(code) || /ERR_CONNECTION|ERR_INTERNET_DISCONNECTED|ERR_ADDRESS_UNREACHABLE|socket hang up/i.test(message)) {
    return 'The update server could not be reached. Check the address and the network.';
  }
  if (code === 'ETIMEDOUT' || /timed out|ERR_TIMED_OUT/i.test(message)) return 'The update server stopped answering.';
  // Not one we know: say which step failed, with the first line of the reason, short.
  const first = (message.split('\n')[0] ?? '').replace(/\p{Cc}/gu, ' ').trim().slice(0, 160);
  return step === 'check' ? `The update server could not be read${first ? ` (${first})` : ''}.` : `The update could not be downloaded${first ? ` (${first})` : ''}.`;
}
