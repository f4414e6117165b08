import { withoutAddresses } from './logger';

describe('withoutAddresses (no personal data in logs)', () => {
  it.each([
    ['452 Mailbox anna.quendel@example.org is full', '452 Mailbox <address> is full'],
    ['RCPT TO:<b.x+tag@sub.example.co.uk> rejected', 'RCPT TO:<<address>> rejected'],
    ['Key (email)=(ÄÖ@umlaut.example) already exists', 'Key (email)=(<address>) already exists'],
  ])('redacts the address in %j', (line, redacted) => {
    expect(withoutAddresses(line)).toBe(redacted);
  });

  it('leaves lines without an address alone', () => {
    const line = 'Job mail.decision-letter 4711 failed (attempt 1): connect ECONNREFUSED 127.0.0.1:25';
    expect(withoutAddresses(line)).toBe(line);
  });
});
