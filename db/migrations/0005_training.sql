CREATE TABLE `acknowledgements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`sop_id` text NOT NULL,
	`version_id` integer NOT NULL,
	`version` integer NOT NULL,
	`content_hash` text NOT NULL,
	`at` integer NOT NULL,
	`ip` text DEFAULT '' NOT NULL,
	`user_agent` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sop_id`) REFERENCES `sops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`version_id`) REFERENCES `sop_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `acknowledgements_user_version_unique` ON `acknowledgements` (`user_id`,`version_id`);--> statement-breakpoint
CREATE INDEX `acknowledgements_sop_idx` ON `acknowledgements` (`sop_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sop_id` text,
	`path_id` integer,
	`user_id` text,
	`department_id` integer,
	`role` text,
	`required` integer DEFAULT true NOT NULL,
	`due_date` text,
	`note` text DEFAULT '' NOT NULL,
	`assigned_by` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`removed_at` integer,
	`removed_by` text,
	FOREIGN KEY (`sop_id`) REFERENCES `sops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`path_id`) REFERENCES `learning_paths`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`assigned_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`removed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `assignments_user_idx` ON `assignments` (`user_id`);--> statement-breakpoint
CREATE INDEX `assignments_department_idx` ON `assignments` (`department_id`);--> statement-breakpoint
CREATE INDEX `assignments_sop_idx` ON `assignments` (`sop_id`);--> statement-breakpoint
CREATE TABLE `certifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`sop_id` text NOT NULL,
	`version_id` integer NOT NULL,
	`version` integer NOT NULL,
	`certified_at` integer NOT NULL,
	`expires_at` integer,
	`withdrawn_at` integer,
	`withdrawn_reason` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sop_id`) REFERENCES `sops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`version_id`) REFERENCES `sop_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `certifications_user_sop_idx` ON `certifications` (`user_id`,`sop_id`);--> statement-breakpoint
CREATE INDEX `certifications_sop_idx` ON `certifications` (`sop_id`,`withdrawn_at`);--> statement-breakpoint
CREATE TABLE `learning_path_items` (
	`path_id` integer NOT NULL,
	`position` integer NOT NULL,
	`sop_id` text NOT NULL,
	PRIMARY KEY(`path_id`, `position`),
	FOREIGN KEY (`path_id`) REFERENCES `learning_paths`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`sop_id`) REFERENCES `sops`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `learning_path_items_sop_idx` ON `learning_path_items` (`sop_id`);--> statement-breakpoint
CREATE TABLE `learning_paths` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `learning_paths_name_unique` ON `learning_paths` (`name`);--> statement-breakpoint
CREATE TABLE `practice_comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` text NOT NULL,
	`author_id` text,
	`body` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `practice_comments_run_idx` ON `practice_comments` (`run_id`,`at`);--> statement-breakpoint
CREATE TABLE `quiz_attempt_grants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`sop_id` text NOT NULL,
	`extra` integer NOT NULL,
	`granted_by` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`sop_id`) REFERENCES `sops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`granted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `quiz_attempt_grants_user_sop_idx` ON `quiz_attempt_grants` (`user_id`,`sop_id`);--> statement-breakpoint
CREATE TABLE `quiz_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`sop_id` text NOT NULL,
	`version_id` integer NOT NULL,
	`version` integer NOT NULL,
	`quiz_id` text NOT NULL,
	`answers` text NOT NULL,
	`result` text NOT NULL,
	`score` integer NOT NULL,
	`passed` integer NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sop_id`) REFERENCES `sops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`version_id`) REFERENCES `sop_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `quiz_attempts_user_sop_idx` ON `quiz_attempts` (`user_id`,`sop_id`,`at`);--> statement-breakpoint
CREATE INDEX `quiz_attempts_sop_idx` ON `quiz_attempts` (`sop_id`);--> statement-breakpoint
CREATE TABLE `sop_reads` (
	`user_id` text NOT NULL,
	`sop_id` text NOT NULL,
	`version_id` integer NOT NULL,
	`version` integer NOT NULL,
	`first_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `version_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`sop_id`) REFERENCES `sops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`version_id`) REFERENCES `sop_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sop_reads_sop_idx` ON `sop_reads` (`sop_id`,`user_id`);--> statement-breakpoint
ALTER TABLE `departments` ADD `require_certification` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `runs` ADD `current_step_index` integer;--> statement-breakpoint
ALTER TABLE `runs` ADD `practice` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `runs` ADD `scenario_id` text;--> statement-breakpoint
ALTER TABLE `runs` ADD `practice_score` integer;--> statement-breakpoint
ALTER TABLE `runs` ADD `practice_result` text;--> statement-breakpoint
CREATE INDEX `runs_practice_idx` ON `runs` (`practice`,`agent_id`,`sop_id`);--> statement-breakpoint
ALTER TABLE `sop_versions` ADD `change_kind` text;--> statement-breakpoint
ALTER TABLE `sops` ADD `baseline_version` integer;--> statement-breakpoint
-- SOPs published before training shipped: their current version is the baseline (no evidence exists yet).
UPDATE `sops` SET `baseline_version` = (SELECT `version` FROM `sop_versions` WHERE `sop_versions`.`id` = `sops`.`published_version_id`) WHERE `published_version_id` IS NOT NULL;--> statement-breakpoint
-- Runs started before: their step as their stored state has it.
UPDATE `runs` SET `current_step_index` = (SELECT st.key FROM json_each((SELECT `document` FROM `sop_versions` WHERE `sop_versions`.`id` = `runs`.`version_id`), '$.steps') st WHERE json_extract(st.value, '$.id') = json_extract(`runs`.`state`, '$.currentStepId'));
