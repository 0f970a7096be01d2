import type { Server } from "node:http";

export type DemoTicket = {
  id: string;
  subject: string;
  requester: { name: string; email: string };
  locale: string;
  fields: Record<string, string>;
};

export function signLaunchToken(options: {
  integrationId: string;
  secret: string;
  agentEmail: string;
  sop?: string | null;
  ticket: DemoTicket;
  ttlSeconds?: number;
  now?: number;
}): string;

export function demoTicket(id?: string): DemoTicket;

export function createHostServer(options: {
  stepwiseUrl: string;
  integrationId: string;
  secret: string;
  agentEmail: string;
  sop: string | null;
}): Server;
