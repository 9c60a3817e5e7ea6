import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeMessage, encodeMessage, makeHeader, sign, DELIMITER } from '../../src/runner/protocol';

test('sign is HMAC-SHA256 in hex (RFC 4231 test case 2)', () => {
  // RFC 4231 §4.3: key "Jefe", data "what do ya want for nothing?"
  assert.equal(sign('Jefe', ['what do ya ', 'want for nothing?']), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  assert.equal(sign('', ['x']), '');
});

test('encodeMessage and decodeMessage round-trip a signed message with identities', () => {
  const header = makeHeader('execute_request', 'sess');
  const frames = encodeMessage('k3y', { header, content: { code: '1+1' }, identities: [Buffer.from('id1')] });
  assert.ok(frames[1].equals(DELIMITER));
  const m = decodeMessage('k3y', frames);
  assert.equal(m.header.msg_type, 'execute_request');
  assert.deepEqual(m.content, { code: '1+1' });
  assert.equal(m.identities[0].toString(), 'id1');
});

test('decodeMessage rejects a tampered or wrongly keyed message', () => {
  const frames = encodeMessage('k3y', { header: makeHeader('x', 's'), content: { a: 1 } });
  assert.throws(() => decodeMessage('other', frames), /signature/);
  const tampered = [...frames];
  tampered[tampered.length - 1] = Buffer.from('{"a":2}');
  assert.throws(() => decodeMessage('k3y', tampered), /signature/);
  assert.throws(() => decodeMessage('k3y', [Buffer.from('junk')]), /malformed/);
});
