package shopifytest

// themeCSS styles the fake theme: plain, roomy and close enough to a
// Shopify starter theme that screenshots of the widget look at home.
const themeCSS = `*,*::before,*::after{box-sizing:border-box}
:root{--ink:#1f2328;--muted:#5f6b76;--line:#e3e6ea;--bg:#fafaf7;--accent:#2f5d50;--radius:10px;
  font-family:"Helvetica Neue",Helvetica,Arial,system-ui,sans-serif;color:var(--ink);background:var(--bg)}
body{margin:0;line-height:1.5;min-height:100vh;display:flex;flex-direction:column}
main{flex:1;padding-block:32px 64px}
a{color:inherit}
h1,h2,h3{line-height:1.2;margin:0 0 .5em}
.page-width{width:100%;max-width:1100px;margin-inline:auto;padding-inline:20px}
.announcement{background:var(--accent);color:#fff;text-align:center;font-size:13px;padding:6px 12px;letter-spacing:.02em}
.site-header{background:#fff;border-bottom:1px solid var(--line)}
.site-header__inner{display:flex;align-items:center;justify-content:space-between;gap:16px;min-height:64px}
.site-header__logo{font-size:22px;font-weight:700;text-decoration:none;letter-spacing:-.01em}
.site-nav{display:flex;gap:20px;font-size:15px}
.site-nav a{text-decoration:none}
.site-nav a:hover,.site-nav a:focus-visible{text-decoration:underline}
.hero{background:linear-gradient(120deg,#e8efe9,#f6eee3);border-radius:var(--radius);padding:48px 32px;margin-bottom:40px}
.hero__title{font-size:clamp(28px,4vw,44px)}
.hero__text{color:var(--muted);max-width:40ch;margin:0}
.section-title{font-size:20px;margin-bottom:16px}
.product-grid{list-style:none;padding:0;margin:0;display:grid;gap:24px;grid-template-columns:repeat(auto-fill,minmax(200px,1fr))}
.card__link{display:block;text-decoration:none;border-radius:var(--radius);background:#fff;border:1px solid var(--line);padding:12px;transition:box-shadow .15s}
.card__link:hover,.card__link:focus-visible{box-shadow:0 6px 20px rgba(0,0,0,.08)}
.card__title{font-size:16px;font-weight:500;margin:12px 0 4px}
.card__price{margin:0;color:var(--muted)}
.swatch{--hue:160;aspect-ratio:1;border-radius:8px;display:grid;place-items:center;font-size:48px;font-weight:700;color:rgba(255,255,255,.9);
  background:linear-gradient(135deg,hsl(var(--hue) 45% 72%),hsl(calc(var(--hue) + 40) 45% 52%))}
.swatch--large{font-size:96px}
.breadcrumbs{font-size:14px;color:var(--muted);margin-bottom:24px}
.product{display:grid;gap:40px;grid-template-columns:repeat(auto-fit,minmax(280px,1fr));align-items:start}
.product__vendor{text-transform:uppercase;font-size:12px;letter-spacing:.1em;color:var(--muted);margin:0 0 8px}
.product__title{font-size:32px}
.product__price{font-size:20px;margin:0 0 24px}
.rte{color:#3a434b}
.account-box,.policy{max-width:520px;margin:24px auto;background:#fff;border:1px solid var(--line);border-radius:var(--radius);padding:32px}
.policy{max-width:760px}
.muted{color:var(--muted)}
.button{display:inline-block;border:0;border-radius:999px;background:var(--accent);color:#fff;font:inherit;font-weight:600;padding:12px 24px;cursor:pointer;text-decoration:none}
.button:hover,.button:focus-visible{filter:brightness(1.1)}
.button--secondary{background:#fff;color:var(--accent);box-shadow:inset 0 0 0 1.5px var(--accent)}
.liquid-error{margin:16px;padding:12px 16px;border-radius:8px;background:#fff4f4;border:1px solid #e0b4b4;color:#8a1f1f;font:14px/1.4 ui-monospace,monospace;white-space:pre-wrap}
.site-footer{border-top:1px solid var(--line);background:#fff;font-size:14px;color:var(--muted)}
.site-footer__inner{display:flex;gap:20px;flex-wrap:wrap;padding-block:24px}
.site-language{display:flex;gap:8px;align-items:center;margin:0}
.site-language select{font:inherit;color:var(--ink);padding:4px 8px;border:1px solid var(--line);border-radius:6px;background:#fff}
`
