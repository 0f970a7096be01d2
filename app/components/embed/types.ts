/** What /embed/session and /embed/runs/:runId/data say about the embed session (app/embed.server.ts sessionInfo). */
export type SessionInfo = {
  agentName: string;
  language: string;
  allowedOrigins: string[];
  hostOrigin: string | null;
  ticketId: string | null;
  requesterName: string | null;
};
