// The sentences a connection shows when it needs the user, by kind.
import type { ConnectionKind } from '../../contract/index.ts';

/** The credential in use was refused and no kept credential can replace it. */
export function reconnectMessage(kind: ConnectionKind): string {
  switch (kind) {
    case 'password':
    case 'relay':
      return 'The Relay token is no longer accepted (it expired or was deleted). Enter the password again to reconnect.';
    case 'pairing':
      return 'The room pairing ended (pairing tokens last one day). Enter the pairing code shown in the room to pair again.';
    case 'meeting':
      return 'Meeting passcodes are never saved. Enter the passcode again to use this meeting.';
    case 'code':
      return 'BlueJeans no longer accepts the saved sign-in. Sign in with BlueJeans again.';
    case 'client':
      return 'BlueJeans no longer accepts the app key and secret. Enter the app secret again.';
  }
}

/** The credential reached its expiry and cannot be renewed with what is kept. */
export function expiryMessage(kind: ConnectionKind): string {
  switch (kind) {
    case 'password':
    case 'relay':
      return 'The Relay token expired. Enter the password again to reconnect.';
    case 'pairing':
      return 'The room pairing expired (pairing tokens last one day). Enter the pairing code shown in the room to pair again.';
    case 'meeting':
      return 'The meeting token expired. Enter the passcode again to use this meeting.';
    default:
      return reconnectMessage(kind);
  }
}
