import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PASSWORD_MAX, PASSWORD_MIN, passwordChecks, passwordProblems } from './password-policy.ts';

const context = {
  email: 'a.person@example.org',
  practiceName: 'Willow Creek Therapy',
  name: 'Ann Person',
};

describe('password policy (NIST SP 800-63B-4)', () => {
  test('15 characters is the minimum, 128 the maximum', () => {
    assert.equal(PASSWORD_MIN, 15);
    assert.equal(PASSWORD_MAX, 128);
    assert.deepEqual(passwordProblems('violet-orbit-92', context), []);
    assert.match(passwordProblems('violet-orbit-9', context).join(' '), /at least 15/);
    const long = 'violet lantern orbit marmalade 92 '.repeat(4);
    assert.deepEqual(passwordProblems(long.slice(0, 128), context), []);
    assert.match(passwordProblems(long.slice(0, 129), context).join(' '), /at most 128/);
  });

  test('length is counted in characters, not UTF-16 code units', () => {
    const animals = '🦊🐙🌵🍋🎻🚲🧲🪁🦉🌋🧊🎲🪐🥨🍄';
    assert.equal(animals.length, 30);
    assert.deepEqual(passwordProblems(animals, context), []);
    // 14 characters (28 code units) is still too short.
    assert.match(
      passwordProblems([...animals].slice(0, 14).join(''), context)[0] ?? '',
      /at least/,
    );
  });

  test('no composition rules: a long lowercase phrase is fine', () => {
    assert.deepEqual(passwordProblems('tangerine quokka saxophone drizzle', context), []);
  });

  test('common and guessable passwords are refused, whatever their length', () => {
    assert.match(passwordProblems('hd764nw5d7e1vb1', context).join(' '), /commonly used/);
    assert.match(passwordProblems('PasswordPassword', context).join(' '), /commonly used/);
    assert.match(passwordProblems('aaaaaaaaaaaaaaaaaaaa', context).join(' '), /easy to guess/);
  });

  test("the person's email, name and practice name may not be part of it", () => {
    for (const password of [
      'a.person violet lantern',
      'A-Person orbit marmalade 92',
      'ann person orbit marmalade',
      'willow_creek_therapy orbit 92',
    ]) {
      assert.match(
        passwordProblems(password, context).join(' '),
        /email address, name or practice name/,
        password,
      );
    }
  });
});

describe('the checks the sign-up checklist shows', () => {
  test('"password1234567" is long enough but guessable, as the server finds', () => {
    const checks = passwordChecks('password1234567', []);
    assert.equal(checks.lengthOk, true);
    assert.equal(checks.common || checks.guessable, true);
    assert.notDeepEqual(passwordProblems('password1234567', {}), []);
  });
  test('a good phrase passes every check', () => {
    assert.deepEqual(passwordChecks('tangerine quokka saxophone drizzle', [context.email]), {
      length: 34,
      lengthOk: true,
      impersonal: true,
      common: false,
      guessable: false,
    });
    assert.equal(passwordChecks('a.person violet lantern', [context.email]).impersonal, false);
  });
});
