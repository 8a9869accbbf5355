import { Alert } from '@mantine/core';
import { useEffect, useState } from 'react';

/** Says plainly when the browser has lost its connection, and clears itself when it is back. */
export function OfflineBanner() {
  const [offline, setOffline] = useState(() => !navigator.onLine);
  useEffect(() => {
    const update = () => setOffline(!navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  if (!offline) return null;
  return (
    <Alert color="red" variant="light" mb="md" title="You are offline" role="status">
      Hearth cannot reach the server. What you see may be out of date; changes cannot be saved until
      the connection is back.
    </Alert>
  );
}
