/** The default theme: one inline stylesheet (critical CSS, no request), coloured by the site's theme. */

export interface ThemeColors {
  primary: string;
  accent: string;
  background: string;
  text: string;
}

const DEFAULTS: ThemeColors = {
  primary: '#1f4fd1',
  accent: '#f59f00',
  background: '#ffffff',
  text: '#1a1b1e',
};

// Only values that cannot leave the declaration: hex, rgb()/hsl() with numbers, or a named colour.
const COLOR_RE = /^(#[0-9a-f]{3,8}|(rgb|rgba|hsl|hsla)\(\s*[\d.%\s,/]+\)|[a-z]{3,20})$/i;
const FONTS: Record<string, string> = {
  system: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  serif: 'Georgia, Cambria, "Times New Roman", Times, serif',
  mono: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  humanist: '"Gill Sans", "Gill Sans MT", Seravek, "Trebuchet MS", sans-serif',
};

export function themeColors(theme: Record<string, unknown>): ThemeColors {
  const c = (theme.colors ?? {}) as Record<string, unknown>;
  const pick = (k: keyof ThemeColors) =>
    typeof c[k] === 'string' && COLOR_RE.test((c[k] as string).trim())
      ? (c[k] as string).trim()
      : DEFAULTS[k];
  return {
    primary: pick('primary'),
    accent: pick('accent'),
    background: pick('background'),
    text: pick('text'),
  };
}

/** A named font stack, or a family name made of letters, digits, spaces and hyphens. */
export function themeFont(theme: Record<string, unknown>): string {
  const f = typeof theme.font === 'string' ? theme.font.trim() : '';
  if (!f) return FONTS.system!;
  if (FONTS[f]) return FONTS[f]!;
  return /^[A-Za-z0-9 -]{1,60}$/.test(f) ? `"${f}", ${FONTS.system}` : FONTS.system!;
}

export function themeCss(theme: Record<string, unknown>): string {
  const c = themeColors(theme);
  return `:root{--c-primary:${c.primary};--c-accent:${c.accent};--c-bg:${c.background};--c-text:${c.text};--font:${themeFont(theme)};--muted:color-mix(in srgb,var(--c-text) 62%,var(--c-bg));--line:color-mix(in srgb,var(--c-text) 14%,var(--c-bg));--soft:color-mix(in srgb,var(--c-primary) 7%,var(--c-bg))}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:var(--font);font-size:1.0625rem;line-height:1.65;color:var(--c-text);background:var(--c-bg)}
img{max-width:100%;height:auto;display:block}
a{color:var(--c-primary)}a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid var(--c-accent);outline-offset:2px}
.skip{position:absolute;left:-9999px}.skip:focus{left:1rem;top:1rem;background:var(--c-bg);padding:.5rem 1rem;z-index:10}
.wrap{max-width:72rem;margin:0 auto;padding:0 1.25rem}
.narrow{max-width:46rem}
header.site{border-bottom:1px solid var(--line)}
header.site .wrap{display:flex;flex-wrap:wrap;align-items:center;gap:.75rem 2rem;padding-top:1rem;padding-bottom:1rem}
.brand{display:flex;align-items:center;gap:.6rem;font-weight:700;font-size:1.25rem;color:var(--c-text);text-decoration:none}
.brand img{max-height:2.5rem;width:auto}
nav.main ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;margin:0;padding:0}
nav.main a{text-decoration:none;color:var(--c-text);font-weight:500;padding:.25rem 0;border-bottom:2px solid transparent}
nav.main a:hover,nav.main a[aria-current=page]{border-bottom-color:var(--c-primary)}
form.search{margin-left:auto;display:flex;gap:.4rem}
input,select,textarea,button{font:inherit}
input,select,textarea{padding:.5rem .65rem;border:1px solid var(--line);border-radius:.4rem;background:var(--c-bg);color:var(--c-text);width:100%}
form.search input{width:12rem}
button,.btn{display:inline-block;padding:.6rem 1.15rem;border-radius:.45rem;border:2px solid var(--c-primary);background:var(--c-primary);color:#fff;font-weight:600;text-decoration:none;cursor:pointer}
.btn.secondary,form.search button{background:transparent;color:var(--c-primary)}
main{padding:2rem 0 3rem}
h1,h2,h3,h4{line-height:1.2;margin:1.6em 0 .5em}h1{font-size:clamp(2rem,4vw,2.9rem);margin-top:.5em}h2{font-size:1.75rem}h3{font-size:1.35rem}
.block{margin:1.5rem 0}
.cta{background:var(--soft);border-radius:.9rem;padding:2.25rem 1.75rem;text-align:center}
.cta h2{margin-top:0}.cta p{max-width:38rem;margin:.5rem auto 1.25rem}
blockquote,.quote{margin:2rem 0;padding:.5rem 0 .5rem 1.25rem;border-left:4px solid var(--c-accent);font-size:1.2rem}
.quote blockquote{margin:0;padding:0;border:0}.quote blockquote p{margin:0}
.quote footer{font-size:1rem;color:var(--muted);margin-top:.5rem}
figure{margin:1.5rem 0}figcaption{color:var(--muted);font-size:.9rem;margin-top:.4rem}
.gallery{display:grid;gap:1rem;grid-template-columns:repeat(var(--cols,3),minmax(0,1fr))}.gallery figure{margin:0}
.columns{display:grid;gap:2rem;grid-template-columns:repeat(var(--cols,2),minmax(0,1fr))}
.columns>div>.block:first-child>*:first-child{margin-top:0}
.lead-form{background:var(--soft);border-radius:.9rem;padding:1.5rem;max-width:46rem}.lead-form h2{margin-top:0}.lead-form label{font-weight:600;display:block}
.lead-form .check label{font-weight:400;display:flex;gap:.5rem;align-items:flex-start}.lead-form .check input{width:auto;margin-top:.35rem}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.notice{padding:.75rem 1rem;border-radius:.45rem;background:color-mix(in srgb,#2f9e44 15%,var(--c-bg));border:1px solid #2f9e44}
.notice.error{background:color-mix(in srgb,#e03131 12%,var(--c-bg));border-color:#e03131}
.slot{border:2px dashed var(--line);border-radius:.9rem;padding:1.5rem;color:var(--muted);text-align:center}
.posts{list-style:none;padding:0;display:grid;gap:2rem;grid-template-columns:repeat(auto-fill,minmax(17rem,1fr))}
.posts article{display:flex;flex-direction:column;gap:.35rem}.posts h2{font-size:1.3rem;margin:.4rem 0 0}
.posts img{border-radius:.6rem;aspect-ratio:16/9;object-fit:cover}
.meta{color:var(--muted);font-size:.92rem}
.tags{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem}.tags a{display:inline-block;padding:.1rem .6rem;border-radius:1rem;background:var(--soft);text-decoration:none;font-size:.9rem}
.pager{display:flex;justify-content:space-between;margin-top:2.5rem}
.results{list-style:none;padding:0}.results li{margin:0 0 1.5rem}.results mark{background:color-mix(in srgb,var(--c-accent) 35%,var(--c-bg));color:inherit}
.author{border-top:1px solid var(--line);margin-top:2.5rem;padding-top:1.25rem}
.preview-banner{background:#e8590c;color:#fff;text-align:center;padding:.5rem;font-weight:700;position:sticky;top:0;z-index:5}
footer.site{border-top:1px solid var(--line);color:var(--muted);font-size:.95rem;padding:2rem 0}
footer.site .wrap{display:flex;flex-wrap:wrap;justify-content:space-between;gap:1rem}
@media (max-width:40rem){.columns,.gallery{grid-template-columns:1fr}form.search{margin-left:0;width:100%}form.search input{width:100%}}
@media (prefers-reduced-motion:reduce){*{scroll-behavior:auto}}`;
}
