import { LogFormatter, LogItem, Logger } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';

/**
 * Keys whose values are personal information (PIPL) or free text a worker
 * wrote. Handlers never log request bodies; this is the safety net if a
 * future log line passes one by mistake.
 */
const PERSONAL_KEYS = /^(name|mobile|phone|idNumber|description|advice|comment|body|contact|complainant)$/i;

export function redactPersonalInformation(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((entry) => redactPersonalInformation(entry, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, entry]) => [
      key,
      PERSONAL_KEYS.test(key) ? '[redacted]' : redactPersonalInformation(entry, depth + 1),
    ]),
  );
}

/** The function and request a log line belongs to. */
export interface InvocationName {
  readonly functionName: string;
  readonly requestId: string;
}

/**
 * Names the invocation running now, where one process runs several at once
 * (the local server). Unset in Lambda: a process there runs one invocation at
 * a time, and the context the HTTP edge gives the logger is the right one.
 */
let runningInvocation: (() => InvocationName | undefined) | undefined;

/** For a process that runs invocations concurrently: log lines name the invocation `source` says is running. */
export function nameLogLinesBy(source: () => InvocationName | undefined): void {
  runningInvocation = source;
}

/**
 * Powertools' standard JSON log record, with personal information redacted
 * from extra keys. The function and request id come from the running
 * invocation where one is named (see nameLogLinesBy): Powertools keeps the
 * last context it was given, which, with invocations overlapping, may be
 * another request's.
 */
class RedactingLogFormatter extends LogFormatter {
  override formatAttributes(attributes: UnformattedAttributes, additional: LogAttributes): LogItem {
    const invocation = runningInvocation?.();
    return new LogItem({
      attributes: {
        level: attributes.logLevel,
        message: attributes.message,
        timestamp: this.formatTimestamp(attributes.timestamp),
        service: attributes.serviceName,
        cold_start: attributes.lambdaContext?.coldStart,
        function_name: invocation?.functionName ?? attributes.lambdaContext?.functionName,
        function_request_id: invocation?.requestId ?? attributes.lambdaContext?.awsRequestId,
        xray_trace_id: attributes.xRayTraceId,
      },
    }).addAttributes(redactPersonalInformation(additional) as LogAttributes);
  }
}

export const logger = new Logger({ serviceName: 'weiquan', logFormatter: new RedactingLogFormatter() });
