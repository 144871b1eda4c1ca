import { SmsRefused } from '../usecases/notify.js';

/** A value made on first use and kept for the container's life; a failure is not kept, so the next call tries again. */
export function keptOnceMade<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () =>
    (made ??= make().catch((error: unknown) => {
      made = undefined;
      throw error;
    }));
}

/** How one provider's error codes read: a number that can never receive, flow control, or any other refusal. */
export function refusals(
  provider: string,
  codes: { readonly invalidNumber: ReadonlySet<string>; readonly throttled: RegExp },
): (code: string) => SmsRefused {
  return (code) => {
    const reason = codes.invalidNumber.has(code) ? 'invalid_number' : codes.throttled.test(code) ? 'throttled' : 'rejected';
    return new SmsRefused(reason, provider, code);
  };
}
