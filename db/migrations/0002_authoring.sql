CREATE TABLE `review_comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version_id` integer NOT NULL,
	`author_id` text,
	`action` text NOT NULL,
	`body` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`version_id`) REFERENCES `sop_versions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `review_comments_version_idx` ON `review_comments` (`version_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `sop_versions` ADD `revision` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `sop_versions` ADD `updated_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sop_versions` ADD `updated_by` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `sop_versions` ADD `based_on_version_id` integer;--> statement-breakpoint
ALTER TABLE `sop_versions` ADD `reviewer_id` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `sop_versions` ADD `submitted_at` integer;--> statement-breakpoint
CREATE INDEX `sop_versions_state_idx` ON `sop_versions` (`state`);--> statement-breakpoint
ALTER TABLE `sops` ADD `archived_at` integer;--> statement-breakpoint
ALTER TABLE `sops` ADD `next_review_at` text;--> statement-breakpoint
UPDATE `sop_versions` SET `updated_at` = `created_at`;--> statement-breakpoint
-- Full-text search (hand-written: drizzle-kit does not model virtual tables). One row per searchable
-- version (published, draft, in review); rows are written by db/search.server.ts in the same
-- transaction as the version, and rebuilt at start-up when the index format changes.
CREATE VIRTUAL TABLE `sop_search` USING fts5(
	`title`, `tags`, `purpose`, `terms`, `body`,
	`sop_id` UNINDEXED, `version_id` UNINDEXED,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '2 3'
);
