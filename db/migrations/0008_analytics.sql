CREATE TABLE `run_facts` (
	`run_id` text PRIMARY KEY NOT NULL,
	`sop_id` text NOT NULL,
	`version_id` integer NOT NULL,
	`agent_id` text NOT NULL,
	`started_at` integer NOT NULL,
	`status` text NOT NULL,
	`outcome` text,
	`completed_at` integer,
	`follow_up_due` text,
	`follow_up_closed_at` integer,
	`handle_ms` integer,
	`escalations` integer DEFAULT 0 NOT NULL,
	`flags` integer DEFAULT 0 NOT NULL,
	`skips` integer DEFAULT 0 NOT NULL,
	`steps_total` integer DEFAULT 0 NOT NULL,
	`steps_done` integer DEFAULT 0 NOT NULL,
	`checks_total` integer DEFAULT 0 NOT NULL,
	`checks_done` integer DEFAULT 0 NOT NULL,
	`detail` text NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `run_facts_started_idx` ON `run_facts` (`started_at`);--> statement-breakpoint
CREATE INDEX `run_facts_sop_started_idx` ON `run_facts` (`sop_id`,`started_at`);--> statement-breakpoint
ALTER TABLE `runs` ADD `fields_purged_at` integer;--> statement-breakpoint
CREATE INDEX `runs_started_idx` ON `runs` (`started_at`);