CREATE TABLE `run_facts` (
	`run_id` text PRIMARY KEY NOT NULL,
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
ALTER TABLE `runs` ADD `fields_purged_at` integer;--> statement-breakpoint
CREATE INDEX `runs_started_idx` ON `runs` (`started_at`);--> statement-breakpoint
CREATE INDEX `runs_sop_started_idx` ON `runs` (`sop_id`,`started_at`);