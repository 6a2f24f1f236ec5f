/**
 * The badge's look, inside each badge's shadow root so the staff page's styles cannot reach
 * it. Each verdict has a colour and always its word: colour is never the only signal.
 */
export const badgeCss = `
:host { display: inline-block; margin: 0 0.25em; vertical-align: middle; position: relative; font: 12px/1.2 system-ui, sans-serif; }
button { font: inherit; font-weight: 700; letter-spacing: 0.02em; border-radius: 3px; border: 1px solid; padding: 1px 5px; cursor: pointer; white-space: nowrap; }
button:focus-visible { outline: 2px solid #1a4fd6; outline-offset: 1px; }
.free { background: #e0f4f1; color: #00584a; border-color: #00796b; }
.owned { background: #ede7f6; color: #44227a; border-color: #5e35b1; }
.buy { background: #e3f3e5; color: #1b5e20; border-color: #2e7d32; }
.review { background: #fff4d6; color: #6b4a00; border-color: #b07d00; }
.borrow { background: #eceff1; color: #37474f; border-color: #607d8b; }
.score { font-weight: 400; margin-left: 0.3em; }
.limited { font-weight: 400; font-style: italic; margin-left: 0.3em; }
[role="tooltip"] { position: absolute; z-index: 2147483646; left: 0; top: calc(100% + 4px); width: 22em; background: #1f2933; color: #fff;
  padding: 6px 8px; border-radius: 4px; font-weight: 400; box-shadow: 0 2px 6px rgba(0,0,0,0.3); }
[role="tooltip"] ul { margin: 0.3em 0 0; padding-left: 1.2em; }
[role="tooltip"] .missing { margin-top: 0.3em; color: #ffd98a; }
`;

export const detailsCss = `
dialog { font: 14px/1.4 system-ui, sans-serif; max-width: 40em; border: 1px solid #607d8b; border-radius: 6px; padding: 16px 20px; color: #1f2933; }
dialog::backdrop { background: rgba(0,0,0,0.3); }
h2 { font-size: 16px; margin: 0 0 8px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th, td { text-align: left; padding: 3px 6px; border-bottom: 1px solid #e0e0e0; vertical-align: top; }
.source { color: #52606d; font-size: 12px; }
.deciding { font-weight: 700; }
.actions { display: flex; gap: 8px; flex-wrap: wrap; align-items: end; margin-top: 12px; }
button { font: inherit; padding: 4px 10px; }
[role="status"] { margin-top: 8px; min-height: 1.4em; }
.limited { background: #fff4d6; padding: 4px 8px; border-radius: 4px; }
`;
