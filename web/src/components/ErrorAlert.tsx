import { Alert } from 'antd';
import { messageOf } from '../api/errors';

export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={messageOf(error)}
      action={onRetry ? <a onClick={onRetry}>重试</a> : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}
