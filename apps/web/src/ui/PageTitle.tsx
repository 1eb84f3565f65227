// The page's one h1, also the document title; focused when the page opens so that a screen
// reader announces where a navigation led (the usual pattern for single-page apps).
import { useEffect, useRef, type ReactNode } from 'react';

export function PageTitle({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Weerbaar`;
  }, [title]);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-title">
      {children}
    </h1>
  );
}
