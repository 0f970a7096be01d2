import { isRouteErrorResponse, Link, useRouteError } from "react-router";

function describe(error: unknown): { status: number; title: string; message: string } {
  if (isRouteErrorResponse(error)) {
    const detail =
      typeof error.data === "object" && error.data && "message" in error.data
        ? String(error.data.message)
        : typeof error.data === "string"
          ? error.data
          : "";
    if (error.status === 403)
      return {
        status: 403,
        title: "You don't have access to this page",
        message: detail || "Your role does not give access to this page.",
      };
    if (error.status === 404)
      return {
        status: 404,
        title: "We couldn't find that page",
        message: detail || "The link may be old, or the page may have moved.",
      };
    return { status: error.status, title: error.statusText || "Something went wrong", message: detail };
  }
  return {
    status: 500,
    title: "Something went wrong on our side",
    message: "The error has been logged. Try again, and tell your administrator if it keeps happening.",
  };
}

export function ErrorPage({ error }: { error: unknown }) {
  const { status, title, message } = describe(error);
  return (
    <section className="error-page" aria-labelledby="error-title">
      <p className="error-code">Error {status}</p>
      <h1 id="error-title">{title}</h1>
      {message ? <p className="muted">{message}</p> : null}
      <p>
        <Link className="button" to="/">
          Go to your home page
        </Link>
      </p>
    </section>
  );
}

/** Route-level boundary: keeps the app shell (navigation) around the error. */
export function RouteErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
