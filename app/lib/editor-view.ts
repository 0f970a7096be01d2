// Which way the SOP editor shows the procedure: the visual editor (blocks with forms, the default: team leads are
// not developers) or the MDX source. The choice is remembered in a plain preference cookie (not HttpOnly: the page
// writes it when the author switches) so that the server renders the same view the browser will show, without a
// flash or a hydration mismatch; `?view=visual|source` in the address wins over it (links that want one view).
export const EDITOR_VIEWS = ["visual", "source"] as const;
export type EditorView = (typeof EDITOR_VIEWS)[number];
export const EDITOR_VIEW_COOKIE = "stepwise_editor_view";
export const DEFAULT_EDITOR_VIEW: EditorView = "visual";

function asView(value: string | null | undefined): EditorView | null {
  return value === "visual" || value === "source" ? value : null;
}

/** The view a request asks for: `?view=` first, then the cookie, then the default. */
export function requestedEditorView(url: string, cookie: string | null): EditorView {
  return asView(new URL(url).searchParams.get("view")) ?? asView(cookie) ?? DEFAULT_EDITOR_VIEW;
}

/** The Set-Cookie text the page writes when the author switches (a year; Secure over https). */
export function editorViewCookie(view: EditorView, secure: boolean): string {
  return [`${EDITOR_VIEW_COOKIE}=${view}`, "Path=/", `Max-Age=${365 * 24 * 60 * 60}`, "SameSite=Lax"]
    .concat(secure ? ["Secure"] : [])
    .join("; ");
}
