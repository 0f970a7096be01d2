import type { ReactNode } from "react";

/** The confirmation that an action went through, announced politely; nothing while there is none. */
export function SuccessNotice({ message }: { message: ReactNode }) {
  return message ? (
    <div className="alert alert-success" role="status">
      {message}
    </div>
  ) : null;
}
