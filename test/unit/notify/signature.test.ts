import { describe, expect, it, vi } from 'vitest';
import { DEMO_UNIONS } from '../../../scripts/local/demo-data.js';
import type { OutboxMessage } from '../../../shared/domain/notifications.js';
import { UnionDirectory, smsSignatureOf, type Union } from '../../../shared/domain/unions.js';
import type { DeliveryRepository } from '../../../shared/store/delivery-repository.js';
import {
  NoSmsSignature,
  SmsRefused,
  deliver,
  type DeliveryDependencies,
  type SmsRequest,
} from '../../../shared/usecases/notify.js';

const UNIONS: Union[] = [
  { code: '210000', name: '辽宁省总工会', parentCode: null, smsSignature: '辽宁省总工会' },
  { code: '210100', name: '沈阳市总工会', parentCode: '210000', smsSignature: '沈阳市总工会' },
  { code: '210102', name: '和平区总工会', parentCode: '210100', smsSignature: '沈阳市和平区总工会' },
  { code: '210103', name: '沈河区总工会', parentCode: '210100' },
  { code: '210700', name: '锦州市总工会', parentCode: '210000', smsSignature: '  ' },
  { code: '510000', name: '四川省总工会', parentCode: null },
  { code: '511900', name: '巴中市总工会', parentCode: '510000' },
];
const directory = new UnionDirectory(UNIONS);

describe('the SMS signature of a union', () => {
  it('is its own when it has one', () => {
    expect(smsSignatureOf(directory, '210102')).toBe('沈阳市和平区总工会');
  });

  it('falls back up the hierarchy: district → city → province', () => {
    expect(smsSignatureOf(directory, '210103')).toBe('沈阳市总工会');
    expect(smsSignatureOf(directory, '210700')).toBe('辽宁省总工会'); // a blank signature counts as none
  });

  it('is missing when no union on the path has one', () => {
    expect(smsSignatureOf(directory, '511900')).toBeUndefined();
    expect(smsSignatureOf(directory, '999999')).toBeUndefined();
  });

  it('exists for every demo union, so `npm start` signs every message', () => {
    const demo = new UnionDirectory(DEMO_UNIONS);
    for (const union of DEMO_UNIONS) expect(smsSignatureOf(demo, union.code), union.code).toBeTruthy();
  });
});

const MOBILE = '13900000000';

function acknowledgement(unionCode: string): OutboxMessage {
  return {
    caseId: 'case-1',
    messageId: `message-${unionCode}`,
    createdAt: '2026-12-01T02:00:00.000Z',
    channel: 'sms',
    recipient: { kind: 'complainant' },
    unionCode,
    template: 'case_acknowledged',
    params: { unionName: '某工会', caseNumber: `${unionCode}-20261201-0001` },
  };
}

function delivery(send: (sms: SmsRequest) => Promise<void>, phone = MOBILE) {
  const deliveries = {
    claim: vi.fn(async () => 'claimed' as const),
    markSent: vi.fn(async () => undefined),
    release: vi.fn(async () => undefined),
  };
  const sms = { send: vi.fn(send) };
  const deps: DeliveryDependencies = {
    cases: { getContact: async (caseId) => ({ caseId, name: '张三', mobile: phone }) },
    unions: { directory: async () => directory },
    deliveries: deliveries as unknown as DeliveryRepository,
    sms,
    staffNotices: { send: vi.fn(async () => undefined) },
    now: () => new Date('2026-12-01T02:00:01.000Z'),
  };
  return { deps, deliveries, sms };
}

describe('delivering an SMS', () => {
  it('sends the template, its parameters and the signature of the union holding the case', async () => {
    const { deps, sms, deliveries } = delivery(async () => undefined);

    expect(await deliver(deps, acknowledgement('210103'))).toBe('sent');

    expect(sms.send).toHaveBeenCalledExactlyOnceWith({
      phoneNumber: MOBILE,
      template: 'case_acknowledged',
      params: { unionName: '某工会', caseNumber: '210103-20261201-0001' },
      signName: '沈阳市总工会',
    });
    expect(deliveries.markSent).toHaveBeenCalledWith('message-210103', expect.any(Date), 'sent');
  });

  it('fails loudly, sending nothing and releasing the claim for a retry, when no union on the path has a signature', async () => {
    const { deps, sms, deliveries } = delivery(async () => undefined);

    const failure = deliver(deps, acknowledgement('511900'));

    await expect(failure).rejects.toThrow(NoSmsSignature);
    await expect(failure).rejects.toMatchObject({ details: { unionCode: '511900' } });
    expect(sms.send).not.toHaveBeenCalled();
    expect(deliveries.release).toHaveBeenCalledWith('message-511900');
    expect(deliveries.markSent).not.toHaveBeenCalled();
  });

  it('retries a throttled or refused SMS, but marks a number the provider calls invalid as undeliverable', async () => {
    const throttled = delivery(async () => {
      throw new SmsRefused('throttled', 'aliyun', 'isv.BUSINESS_LIMIT_CONTROL');
    });
    await expect(deliver(throttled.deps, acknowledgement('210102'))).rejects.toMatchObject({ reason: 'throttled' });
    expect(throttled.deliveries.release).toHaveBeenCalled();

    const invalid = delivery(async () => {
      throw new SmsRefused('invalid_number', 'tencent', 'InvalidParameterValue.IncorrectPhoneNumber');
    });
    expect(await deliver(invalid.deps, acknowledgement('210102'))).toBe('undeliverable');
    expect(invalid.deliveries.markSent).toHaveBeenCalledWith('message-210102', expect.any(Date), 'undeliverable');
    expect(invalid.deliveries.release).not.toHaveBeenCalled();
  });

  it('sends no SMS to a caller with a landline, and marks the message done (no retry, no failure)', async () => {
    const { deps, sms, deliveries } = delivery(async () => {
      throw new SmsRefused('invalid_number', 'aliyun', 'isv.MOBILE_NUMBER_ILLEGAL');
    }, '024-23456789');

    expect(await deliver(deps, acknowledgement('210102'))).toBe('landline');

    expect(sms.send).not.toHaveBeenCalled();
    expect(deliveries.markSent).toHaveBeenCalledWith('message-210102', expect.any(Date), 'landline');
    expect(deliveries.release).not.toHaveBeenCalled();
  });

  it('refuses a message from before templates (free text, no parameters) rather than sending it unsigned', async () => {
    const { deps, sms } = delivery(async () => undefined);
    const legacy = { ...acknowledgement('210102'), template: 'acknowledgement', params: undefined } as unknown as OutboxMessage;

    await expect(deliver(deps, legacy)).rejects.toMatchObject({ name: 'MalformedMessage' });
    expect(sms.send).not.toHaveBeenCalled();
  });
});
