import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { configureApi } from './api/client';
import { loadConfig } from './config';
import { createConsoleRouter } from './routes';
import './styles.css';

/**
 * Union red, and greys and reds dark enough for WCAG AA contrast (Ant Design's
 * defaults for placeholders, hints and errors fall below 4.5:1 on white).
 */
const THEME = {
  token: {
    colorPrimary: '#c8102e',
    colorError: '#c41d1f',
    colorLink: '#0958d9',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextDisabled: 'rgba(0, 0, 0, 0.6)',
    colorTextQuaternary: 'rgba(0, 0, 0, 0.6)',
    borderRadius: 4,
    // No animations. A button's loading spinner leaves by a CSS transition; when a fast answer ends the
    // loading state while the spinner is still entering, the leave never completes on a busy machine and the
    // invisible spinner stays in the button, which screen readers then announce as "loading 登记". This is
    // a work tool used all day; nothing here needs motion.
    motion: false,
  },
};

async function start(): Promise<void> {
  const root = createRoot(document.getElementById('root')!);
  try {
    const config = await loadConfig();
    configureApi(config.apiBaseUrl);
    const router = createConsoleRouter(config);
    root.render(
      <StrictMode>
        <ConfigProvider locale={zhCN} theme={THEME} button={{ autoInsertSpace: false }}>
          <AntApp>
            <RouterProvider router={router} />
          </AntApp>
        </ConfigProvider>
      </StrictMode>,
    );
  } catch (error) {
    console.error(error);
    root.render(<p style={{ padding: 48 }}>工作台配置加载失败，请刷新页面；如反复出现请联系管理员。</p>);
  }
}

void start();
