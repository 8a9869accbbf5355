import assert from 'node:assert/strict';
import { test } from 'node:test';
import { twilioSignature, verifyTwilioSignature } from './signature.ts';

// The worked example of https://www.twilio.com/docs/usage/security#validating-requests.
const TOKEN = '12345';
const URL_ = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const PARAMS: [string, string][] = [
  ['To', '+18005551212'],
  ['CallSid', 'CA1234567890ABCDE'],
  ['Digits', '1234'],
  ['From', '+12349013030'],
  ['Caller', '+12349013030'],
];
const DOCUMENTED = '0/KCTR6DLpKmkAf8muzZqo1nDgQ=';

test("Twilio's documented example: the signature over URL and sorted parameters", () => {
  assert.equal(twilioSignature(TOKEN, URL_, PARAMS), DOCUMENTED);
  assert.equal(verifyTwilioSignature(TOKEN, URL_, PARAMS, DOCUMENTED), true);
});

test('anything changed, or no signature, is refused', () => {
  const tampered = PARAMS.map(([k, v]) => [k, k === 'Digits' ? '9999' : v] as [string, string]);
  assert.equal(verifyTwilioSignature(TOKEN, URL_, tampered, DOCUMENTED), false);
  assert.equal(verifyTwilioSignature(TOKEN, `${URL_}&baz=3`, PARAMS, DOCUMENTED), false);
  assert.equal(verifyTwilioSignature('54321', URL_, PARAMS, DOCUMENTED), false);
  assert.equal(verifyTwilioSignature(TOKEN, URL_, PARAMS, DOCUMENTED.slice(0, -1)), false);
  assert.equal(verifyTwilioSignature(TOKEN, URL_, PARAMS, undefined), false);
  assert.equal(verifyTwilioSignature('', URL_, PARAMS, twilioSignature('', URL_, PARAMS)), false);
  // A parameter added by someone else changes the signature too.
  assert.equal(verifyTwilioSignature(TOKEN, URL_, [...PARAMS, ['Body', 'C']], DOCUMENTED), false);
});
