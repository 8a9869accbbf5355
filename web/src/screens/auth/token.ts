import { useState } from 'react';

/**
 * The single-use token of an emailed link (/reset-password#<token>). It travels in the
 * fragment, which browsers never send to a server; once read it is removed from the address
 * bar so it does not stay in the history or get shared with a screenshot.
 */
export function useLinkToken(): string {
  const [token] = useState(() => {
    const value = decodeURIComponent(window.location.hash.replace(/^#/, ''));
    if (value) window.history.replaceState(null, '', window.location.pathname);
    return value;
  });
  return token;
}
