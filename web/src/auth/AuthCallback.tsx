import { Result, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { UserManager } from 'oidc-client-ts';
import type { ConsoleConfig } from '../config';
import { homeOf, keepSession, userManager } from './session';

/** One exchange per page load: the code is single-use, and React may run the effect twice. */
let exchange: ReturnType<UserManager['signinRedirectCallback']> | undefined;

/** Where the sign-in page sends the browser back: trade the code for tokens, keep the ID token, go home. */
export function AuthCallback({ config }: { config: ConsoleConfig }) {
  const navigate = useNavigate();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let done = false;
    exchange ??= userManager(config).signinRedirectCallback();
    exchange
      .then((user) => {
        const session = user.id_token ? keepSession(user.id_token) : undefined;
        if (!session) throw new Error('no usable ID token');
        if (!done) navigate(homeOf(session), { replace: true });
      })
      .catch((error: unknown) => {
        console.warn(error);
        if (!done) setFailed(true);
      });
    return () => {
      done = true;
    };
  }, [config, navigate]);
  if (failed) return <Result status="warning" title="登录未完成" extra={<Link to="/login">返回登录</Link>} />;
  return <Spin size="large" style={{ display: 'block', margin: '120px auto' }} tip="正在登录…" />;
}
