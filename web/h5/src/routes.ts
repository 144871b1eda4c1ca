/**
 * Three screens behind the URL hash (#/, #/file, #/status): hash routes need no
 * rewrite rule on S3, CloudFront or the local static server, and the phone's
 * back button works.
 */
export type Route = 'home' | 'file' | 'status';

export function routeOf(hash: string): Route {
  if (hash.startsWith('#/file')) return 'file';
  if (hash.startsWith('#/status')) return 'status';
  return 'home';
}

export function navigate(route: Route): void {
  window.location.hash = route === 'home' ? '#/' : `#/${route}`;
}
