import { Alert, Form, Modal } from 'antd';
import { useState, type ReactNode } from 'react';
import { messageOf } from '../api/errors';
import { clearApiErrorsOnEdit, showFieldErrors } from '../lib/forms';

export interface ActionModalProps<V> {
  readonly title: string;
  readonly okText: string;
  readonly open: boolean;
  readonly onClose: () => void;
  /** Sends the action; its refusal is shown in the dialog (field errors beside their fields). */
  readonly onSubmit: (values: V) => Promise<unknown>;
  readonly onDone: () => void;
  readonly initialValues?: Partial<V>;
  /** API field path → form field, where they differ. */
  readonly rename?: Record<string, string>;
  readonly children: ReactNode;
}

/** One dialog for every action taken on a case: a small form, the API's answer, then close. */
export function ActionModal<V extends object>(props: ActionModalProps<V>) {
  const [form] = Form.useForm<V>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();

  const submit = async (values: V) => {
    setBusy(true);
    setProblem(undefined);
    try {
      await props.onSubmit(values);
      form.resetFields();
      props.onDone();
    } catch (error) {
      const unshown = showFieldErrors(form, error, props.rename);
      setProblem([messageOf(error), ...unshown].join(' '));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={props.open}
      title={props.title}
      okText={props.okText}
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={() => {
        setProblem(undefined);
        props.onClose();
      }}
      destroyOnHidden
      width={560}
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form<V>
        form={form}
        layout="vertical"
        initialValues={props.initialValues}
        onFinish={(values) => void submit(values)}
        onValuesChange={clearApiErrorsOnEdit(form)}
      >
        {props.children}
      </Form>
    </Modal>
  );
}
