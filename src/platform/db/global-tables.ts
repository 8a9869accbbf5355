/**
 * Tables that hold no practice's data and so carry no `practice_id` and no tenant policy.
 * Adding a table here is a security decision: say why beside it.
 */
export const GLOBAL_TABLES: readonly string[] = [
  // Which migrations have run: schema bookkeeping, no practice data.
  'schema_migrations',
  // ICD-10-CM code sets and their codes: public reference data published by CDC/CMS, the same
  // for every practice. The app role may only read them; the owner connection loads them.
  'icd10_code_sets',
  'icd10_codes',
  // Carriers apply STOP / START to a number and the sender's number, which is the deployment's,
  // not a practice's: a number that opted out gets nothing from any practice until START. Only
  // a keyed digest of the number is kept (platform/sms/phone.ts), with the choice and its time.
  'sms_opt_outs',
];
