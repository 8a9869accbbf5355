/** Escapes text for an XML element's content. */
function xmlText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** A TwiML answer to Twilio: one reply text, or nothing (`<Response/>`). */
export function twiml(reply?: string): string {
  const head = '<?xml version="1.0" encoding="UTF-8"?>';
  return reply === undefined
    ? `${head}<Response/>`
    : `${head}<Response><Message>${xmlText(reply)}</Message></Response>`;
}
