ALTER TABLE `users` ADD `ui_language` text;--> statement-breakpoint
ALTER TABLE `users` ADD `time_zone` text;