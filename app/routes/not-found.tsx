import { data } from "react-router";
import { RouteErrorBoundary } from "../components/errors";

export function loader() {
  throw data({ message: "There is no page at this address. Check the link, or use the navigation." }, { status: 404 });
}

export default function NotFound() {
  return null;
}

export const ErrorBoundary = RouteErrorBoundary;
