import { describe, expect, it } from 'vitest';
import { renderMarkdown, sanitize } from './markdown';

describe('sanitising', () => {
  it('renders Markdown', () => {
    const html = renderMarkdown('# Title\n\nSome *text* and `code`.\n\n| a | b |\n|---|---|\n| 1 | 2 |');
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<em>text</em>');
    expect(html).toContain('<td>1</td>');
  });

  it('removes a <script> from Markdown', () => {
    const html = renderMarkdown('hello\n\n<script>window.pwned = 1</script>\n\nbye');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('pwned');
    expect(html).toContain('hello');
    expect(html).toContain('bye');
  });

  it('removes onerror= and javascript: URLs but keeps the elements', () => {
    const html = renderMarkdown('<img src="x.png" onerror="alert(1)"> [link](javascript:alert(2))');
    expect(html).toContain('<img src="x.png">');
    expect(html).not.toMatch(/onerror/i);
    expect(html).not.toMatch(/javascript:/i);
  });

  it('sanitises HTML outputs, SVG included', () => {
    const html = sanitize('<b>ok</b><svg onload="alert(1)"><circle r="4"></circle></svg><iframe src="https://x"></iframe>');
    expect(html).toContain('<b>ok</b>');
    expect(html).toContain('<circle r="4"></circle>');
    expect(html).not.toMatch(/onload|<iframe/i);
  });
});
