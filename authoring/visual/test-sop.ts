// The front matter the visual editor's tests put above their test SOPs (one copy, so they cannot drift apart).
export const GREETING_HEAD = `---
title: Greeting
department: Customer Service
purpose: Open every call the same way.
targets:
  handleTime: 6m
---
`;
