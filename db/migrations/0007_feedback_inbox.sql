ALTER TABLE `feedback` ADD `state` text DEFAULT 'new' NOT NULL;--> statement-breakpoint
ALTER TABLE `feedback` ADD `reply` text;--> statement-breakpoint
ALTER TABLE `feedback` ADD `dismiss_reason` text;--> statement-breakpoint
ALTER TABLE `feedback` ADD `fixed_version_id` integer REFERENCES sop_versions(id);--> statement-breakpoint
ALTER TABLE `feedback` ADD `handled_by` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `feedback` ADD `handled_at` integer;--> statement-breakpoint
CREATE INDEX `feedback_state_idx` ON `feedback` (`state`,`sop_id`);--> statement-breakpoint
-- Flags resolved before the inbox existed count as done.
UPDATE `feedback` SET `state` = 'done' WHERE `resolved_at` IS NOT NULL;
