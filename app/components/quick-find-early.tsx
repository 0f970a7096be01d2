/**
 * Quick find before hydration. On a slow network the page is painted (the dialog and its input are in the
 * server's HTML) long before the JavaScript runs; without this, a `/` pressed then does nothing and what the
 * agent types next is lost. This tiny inline script (rendered in the document head, with the response's CSP
 * nonce) opens the native dialog, focuses the input, and remembers what was typed and whether Enter was pressed;
 * once hydrated, QuickFind takes that over (takeEarlyQuickFind) and the script stands down.
 */
export const QUICK_FIND_DIALOG_ID = "quick-find-dialog";
export const QUICK_FIND_INPUT_ID = "quick-find";

type Early = { opened: boolean; text: string; enter: boolean; shift: boolean; hydrated: boolean };
declare global {
  interface Window {
    __stepwiseQuickFind?: Early;
  }
}

const SCRIPT =
  `(function(){
var s=window.__stepwiseQuickFind={opened:false,text:"",enter:false,shift:false,hydrated:false};
function el(id){return document.getElementById(id)}
function show(){var d=el(${JSON.stringify(QUICK_FIND_DIALOG_ID)}),i=el(${JSON.stringify(QUICK_FIND_INPUT_ID)});
if(!d||!i)return false;if(!d.open&&d.showModal)d.showModal();s.opened=true;i.focus();return true}
document.addEventListener("keydown",function(e){if(s.hydrated)return;var t=e.target;
if(t&&t.id===${JSON.stringify(QUICK_FIND_INPUT_ID)}){` +
  `if(e.key==="Enter"){e.preventDefault();s.enter=true;s.shift=e.shiftKey}` +
  `else if(e.key==="Escape"){s.opened=false;s.text="";s.enter=false}return}
if(e.key!=="/"||e.ctrlKey||e.metaKey||e.altKey||e.defaultPrevented)return;
if(t&&(t.isContentEditable||/^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)))return;
if(show())e.preventDefault()},true);
document.addEventListener("input",function(e){var t=e.target;` +
  `if(!s.hydrated&&t&&t.id===${JSON.stringify(QUICK_FIND_INPUT_ID)}){s.text=t.value;s.enter=false}},true);
document.addEventListener("click",function(e){var t=e.target;` +
  `if(!s.hydrated&&t&&t.closest&&t.closest("[data-quick-find-trigger]"))show()},true);
})();`;

/** The inline script; render it once, in the document's head. */
export function QuickFindEarlyScript({ nonce }: { nonce?: string }) {
  return <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: SCRIPT }} />;
}

/** Called once QuickFind is hydrated: what happened before (if anything), and the early script stops. */
export function takeEarlyQuickFind(): Early | null {
  const s = typeof window === "undefined" ? undefined : window.__stepwiseQuickFind;
  if (!s || s.hydrated) return null;
  s.hydrated = true;
  return { ...s };
}
