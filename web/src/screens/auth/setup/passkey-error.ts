import { UserError } from '../../../ui/errors.tsx';

/** The browser's WebAuthn errors, in words (a cancelled prompt is the usual one). */
export function passkeyError(err: unknown): UserError {
  const name = err instanceof Error ? err.name : '';
  if (name === 'NotAllowedError' || name === 'AbortError') {
    return new UserError(
      'The passkey prompt was cancelled or timed out. Try again when you are ready.',
    );
  }
  if (name === 'InvalidStateError') {
    return new UserError('This device already holds a passkey for your account.');
  }
  if (name === 'NotSupportedError' || name === 'SecurityError') {
    return new UserError('This browser or address cannot use passkeys. Choose another method.');
  }
  return new UserError('The passkey did not work. Try again, or choose another method.');
}
