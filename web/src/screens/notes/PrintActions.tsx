import { Button } from '@mantine/core';
import { useState } from 'react';
import { download } from '../../api/http.ts';
import { ErrorAlert } from '../../ui/errors.tsx';

/**
 * Print (the print stylesheet leaves out the navigation and the buttons) and, where the server
 * renders one, the PDF with its signature block.
 */
export function PrintActions({ pdf }: { pdf?: { path: string; name: string } | undefined }) {
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  return (
    <>
      <Button variant="default" onClick={() => window.print()}>
        Print
      </Button>
      {pdf && (
        <Button
          variant="default"
          loading={pending}
          onClick={() => {
            setError(null);
            setPending(true);
            download(pdf.path, pdf.name)
              .catch(setError)
              .finally(() => setPending(false));
          }}
        >
          Download PDF
        </Button>
      )}
      {error ? <ErrorAlert error={error} /> : null}
    </>
  );
}
