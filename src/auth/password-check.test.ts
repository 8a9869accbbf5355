import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, test } from 'node:test';
import { PasswordChecker } from './password-check.ts';
import { passwordProblems as policy } from './password-policy.ts';

const context = { email: 'a.person@example.org', practiceName: 'Willow Creek Therapy' };
const checker = new PasswordChecker({ idleMs: 50 });
after(() => checker.stop());

describe('the password check on its own thread', () => {
  test('answers what the policy answers, each check its own verdict', async () => {
    const passwords = [
      'tangerine quokka saxophone drizzle',
      'short',
      'PasswordPassword',
      'aaaaaaaaaaaaaaaaaaaa',
      'willowcreektherapy-2026',
    ];
    const answers = await Promise.all(passwords.map((p) => checker.problems(p, context)));
    assert.deepEqual(
      answers,
      passwords.map((p) => policy(p, context)),
    );
    assert.deepEqual(answers[0], []);
    assert.ok(answers.slice(1).every((a) => a.length > 0));
  });

  test('the dictionaries leave with the worker once checks stop, and come back for the next', async () => {
    await checker.problems('violet-orbit-92x', context);
    assert.equal(checker.running, true);
    await sleep(300);
    assert.equal(checker.running, false);
    assert.deepEqual(await checker.problems('tangerine quokka saxophone drizzle', context), []);
    assert.equal(checker.running, true);
  });
});
