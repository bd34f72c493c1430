import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newSessionToken } from '../../../../../main/services/accounts/sessionTable';
import { REDACTED, Redactor } from '../../../../../main/services/log/redactor';

describe('Redactor: registered secrets', () => {
  it('removes a registered secret in each encoding it is likely to take', () => {
    const r = new Redactor();
    const secret = 'S3cr3t p@ss/wörd&"x"';
    r.addSecret(secret);
    const forms = [
      secret,
      JSON.stringify(secret).slice(1, -1),
      // Inside a JSON string that is itself inside a JSON string (a logged request body).
      JSON.stringify(JSON.stringify(secret).slice(1, -1)).slice(1, -1),
      encodeURIComponent(secret),
      encodeURIComponent(secret).replace(/%20/g, '+'),
      Buffer.from(secret).toString('base64'),
      Buffer.from(secret).toString('base64url'),
    ];
    for (const form of forms) expect(r.redact(`before ${form} after`)).toBe(`before ${REDACTED} after`);
  });

  it('removes the longer of two overlapping secrets whole', () => {
    const r = new Redactor();
    r.addSecret('abc');
    r.addSecret('abcdef');
    expect(r.redact('xabcdefx')).toBe(`x${REDACTED}x`);
  });

  it('ignores empty registrations and treats regex characters literally', () => {
    const r = new Redactor();
    r.addSecret('');
    r.addSecret('a.c');
    expect(r.redact('abc a.c')).toBe(`abc ${REDACTED}`);
  });

  it('never lets a registered secret through, whatever surrounds it (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 30 }), fc.string(), fc.string(), (secret, before, after) => {
        const r = new Redactor();
        r.addSecret(secret);
        fc.pre(!secret.includes('\u0000'));
        // Markers become a separator the secret cannot contain, so a secret like "]" or "RED"
        // cannot pass by matching the marker itself.
        expect(r.redact(before + secret + after).split(REDACTED).join('\u0000')).not.toContain(secret);
      }),
    );
  });
});

describe('Redactor: credential shapes nobody registered', () => {
  const r = new Redactor();
  const cases: Array<[string, string]> = [
    ['rtsp://admin:hunter2@10.0.0.5:554/live', `rtsp://admin:${REDACTED}@10.0.0.5:554/live`],
    ['rtsp://admin:p@ss@10.0.0.5/live', `rtsp://admin:${REDACTED}@10.0.0.5/live`],
    ['GET /api?user=ana&password=hunter2&x=1', `GET /api?user=ana&password=${REDACTED}&x=1`],
    ['{"user":"ana","password":"hun\\"ter2","secretRef":"nx"}', `{"user":"ana","password":"${REDACTED}","secretRef":"nx"}`],
    ["{ passwd: 'hunter2', api_key: abc123 }", `{ passwd: '${REDACTED}', api_key: ${REDACTED} }`],
    ['contraseña=hunter2 senha: hunter2', `contraseña=${REDACTED} senha: ${REDACTED}`],
    ['Authorization: Basic YWRtaW46aHVudGVyMg==', `Authorization: ${REDACTED}`],
    ['{"Authorization":"Bearer abc.def","accept":"*/*"}', `{"Authorization":"${REDACTED}","accept":"*/*"}`],
    ['Authorization: Digest username="admin", response="6629fae4"', `Authorization: ${REDACTED}`],
    ['Cookie: sid=abc; theme=dark', `Cookie: ${REDACTED}`],
    ['X-Api-Key: abcd1234', `X-Api-Key: ${REDACTED}`],
    ['curl -H "Bearer abcdef123456"', `curl -H "Bearer ${REDACTED}"`],
    ['id eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln end', `id ${REDACTED} end`],
    ['{"body":"{\\"password\\":\\"hunter2\\"}"}', `{"body":"{\\"password\\":\\"${REDACTED}\\"}"}`],
    ['-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----', `-----BEGIN PRIVATE KEY-----${REDACTED}-----END PRIVATE KEY-----`],
  ];
  for (const [input, expected] of cases) {
    it(`redacts ${input.split('\n')[0]}`, () => expect(r.redact(input)).toBe(expected));
  }

  it('redacts Atalaya session tokens', () => {
    const token = newSessionToken();
    expect(r.redact(`resolved ${token} ok`)).toBe(`resolved atl_${REDACTED} ok`);
  });

  it('leaves ordinary text and references to secrets alone', () => {
    for (const text of [
      'Basic settings were saved',
      'secretRef=vms-nx sessionId=5d1c tokens_used=5 passwordless=true',
      'http://gateway:8080/live/cam-1.flv',
      'camera 12 shown on screen 3',
    ]) {
      expect(r.redact(text)).toBe(text);
    }
  });
});
