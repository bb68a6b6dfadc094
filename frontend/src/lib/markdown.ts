// Markdown and HTML from cells and outputs is untrusted: everything shown as HTML passes
// through DOMPurify (scripts, event-handler attributes and javascript: URLs removed).
import DOMPurify from 'dompurify';
import { marked } from 'marked';

/** sanitize returns html with scripts, handlers and dangerous URLs removed. */
export function sanitize(html: string): string {
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true, svg: true }, ADD_ATTR: ['target'] });
}

/** renderMarkdown turns Markdown source into sanitised HTML. */
export function renderMarkdown(src: string): string {
  return sanitize(marked.parse(src, { async: false, gfm: true }));
}
