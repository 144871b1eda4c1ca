import { useEffect, useState } from 'react';
import { FilePage } from './pages/FilePage';
import { HomePage } from './pages/HomePage';
import { StatusPage, type Credentials } from './pages/StatusPage';
import { navigate, routeOf, type Route } from './routes';

export function App() {
  const [route, setRoute] = useState<Route>(() => routeOf(window.location.hash));
  // Handed from the receipt to the status page in memory only: the access code is never stored on the phone.
  const [credentials, setCredentials] = useState<Credentials | undefined>();

  useEffect(() => {
    const onHashChange = () => {
      setRoute(routeOf(window.location.hash));
      window.scrollTo(0, 0);
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  useEffect(() => {
    document.title = { home: '职工维权服务', file: '我要投诉', status: '查询进度' }[route] + ' · 工会法律服务';
  }, [route]);

  switch (route) {
    case 'file':
      return (
        <FilePage
          onSaved={(saved) => {
            setCredentials(saved);
            navigate('status');
          }}
        />
      );
    case 'status':
      return <StatusPage initial={credentials} />;
    case 'home':
      return <HomePage />;
  }
}
