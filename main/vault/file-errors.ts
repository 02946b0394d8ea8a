// What went wrong with a settings file, in an admin's words (the notices and errors quote these).
function codeOf(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

/** Why a file could not be read: it is then moved aside. */
export function whyUnreadable(error: unknown): string {
  if (error instanceof SyntaxError) return 'it is not a settings file';
  switch (codeOf(error)) {
    case 'EISDIR':
      return 'it is a folder';
    case 'EACCES':
    case 'EPERM':
      return 'Relay Console is not allowed to read it';
    case 'EIO':
      return 'the disk could not read it';
    default:
      return whyOther(error);
  }
}

/** Why a file or folder could not be written. */
export function whyNotWritten(error: unknown): string {
  switch (codeOf(error)) {
    case 'EACCES':
    case 'EPERM':
      return 'Relay Console is not allowed to write there';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EDQUOT':
      return 'your disk quota is used up';
    case 'EROFS':
      return 'the disk is read-only';
    case 'ENOTDIR':
      return 'part of its path is a file, not a folder';
    case 'EISDIR':
      return 'a folder is in the way';
    case 'EIO':
      return 'the disk could not write it';
    default:
      return whyOther(error);
  }
}

function whyOther(error: unknown): string {
  const code = codeOf(error);
  return code ? `the system answered ${code}` : 'an unexpected error';
}
