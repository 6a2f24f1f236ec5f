/**
 * The badge's look. Badges are plain buttons in the page (500 shadow roots cost more than the
 * whole rest of badging a queue), so every declaration is !important and starts from
 * `all: initial`: the staff page's own button styles cannot reach them. The words are drawn
 * from data attributes by CSS, so the page's text — what its scripts and our adapters read from
 * a cell — never includes them; the accessible name says it all. Each verdict has a colour
 * and always its word: colour is never the only signal.
 */
export const badgeCss = `
button.liaison-badge { all: initial !important; display: inline-block !important; margin: 0 0.25em !important; vertical-align: middle !important;
  font: 700 12px/1.2 system-ui, sans-serif !important; letter-spacing: 0.02em !important; border: 1px solid !important; border-radius: 3px !important;
  padding: 1px 5px !important; cursor: pointer !important; white-space: nowrap !important; box-sizing: border-box !important; }
button.liaison-badge:focus-visible { outline: 2px solid #1a4fd6 !important; outline-offset: 1px !important; }
button.liaison-badge::before { content: attr(data-word) !important; }
button.liaison-badge::after { content: " " attr(data-score) attr(data-note) !important; font-weight: 400 !important; white-space: pre !important; }
button.liaison-badge[data-verdict="free"] { background: #e0f4f1 !important; color: #00584a !important; border-color: #00796b !important; }
button.liaison-badge[data-verdict="owned"] { background: #ede7f6 !important; color: #44227a !important; border-color: #5e35b1 !important; }
button.liaison-badge[data-verdict="buy"] { background: #e3f3e5 !important; color: #1b5e20 !important; border-color: #2e7d32 !important; }
button.liaison-badge[data-verdict="review"] { background: #fff4d6 !important; color: #6b4a00 !important; border-color: #b07d00 !important; }
button.liaison-badge[data-verdict="borrow"] { background: #eceff1 !important; color: #37474f !important; border-color: #607d8b !important; }
`;

/** The one tooltip, in its own shadow root. */
export const tooltipCss = `
[role="tooltip"] { position: fixed; z-index: 2147483646; max-width: 22em; background: #1f2933; color: #fff; font: 12px/1.35 system-ui, sans-serif;
  padding: 6px 8px; border-radius: 4px; box-shadow: 0 2px 6px rgba(0,0,0,0.3); }
[role="tooltip"][hidden] { display: none; }
ul { margin: 0.3em 0 0; padding-left: 1.2em; }
.missing { margin-top: 0.3em; color: #ffd98a; }
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
