import { describe, expect, it } from 'vitest';
import { SafeHtml, escapeHtml, html, joinHtml, raw } from '../../../../src/web/html/html.js';

describe('html tagged template', () => {
  it('escapes < > & " and \' in interpolated text', () => {
    const v = `<script>alert("x" & 'y')</script>`;
    expect(String(html`<p title="${v}">${v}</p>`)).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;">&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;</p>',
    );
  });

  it('leaves the literal parts as written', () => {
    expect(String(html`<b class="a">&amp;</b>`)).toBe('<b class="a">&amp;</b>');
  });

  it('places nested html as is, once escaped', () => {
    const inner = html`<i>${'a<b'}</i>`;
    const outer = html`<p>${inner}</p>`;
    expect(String(outer)).toBe('<p><i>a&lt;b</i></p>');
    // Nesting twice does not escape twice.
    expect(String(html`<div>${outer}</div>`)).toBe('<div><p><i>a&lt;b</i></p></div>');
  });

  it('concatenates arrays, escaping their text items and keeping their SafeHtml items', () => {
    const items = ['x&y', '<z>'];
    expect(String(html`<ul>${items.map((s) => html`<li>${s}</li>`)}</ul>`)).toBe('<ul><li>x&amp;y</li><li>&lt;z&gt;</li></ul>');
    expect(String(html`${['<a>', html`<b>`, ['&', html`<c>`]]}`)).toBe('&lt;a&gt;<b>&amp;<c>');
  });

  it('renders numbers, and nothing for false, null and undefined', () => {
    expect(String(html`${0}|${12.5}|${false}|${null}|${undefined}`)).toBe('0|12.5|||');
    const cond = false as boolean;
    expect(String(html`<p>${cond && html`<b>never</b>`}</p>`)).toBe('<p></p>');
  });

  it('raw() marks trusted constants, and only raw or html make SafeHtml', () => {
    expect(String(html`${raw('<br>')}`)).toBe('<br>');
    expect(html`x`).toBeInstanceOf(SafeHtml);
    // A string that looks like markup is still text.
    expect(String(html`${'<br>'}`)).toBe('&lt;br&gt;');
  });

  it('joinHtml separates with markup and escapes the items', () => {
    expect(String(joinHtml(['a<', 'b&'], raw('<br>')))).toBe('a&lt;<br>b&amp;');
    expect(String(joinHtml([], raw('<br>')))).toBe('');
  });

  it('escapeHtml escapes the five characters and passes numbers', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
    expect(escapeHtml(42)).toBe('42');
  });
});
