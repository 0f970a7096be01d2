export function Logo({ compact = false }: { compact?: boolean }) {
  return (
    <span className="logo">
      <svg aria-hidden="true" width="28" height="28" viewBox="0 0 32 32">
        <rect width="32" height="32" rx="8" fill="var(--brand)" />
        <path
          d="M8 22h5v-5h5v-5h6"
          fill="none"
          stroke="var(--on-accent)"
          strokeWidth="3"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      {compact ? null : <span className="logo-text">Stepwise</span>}
    </span>
  );
}
