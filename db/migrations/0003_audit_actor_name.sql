ALTER TABLE `audit_log` ADD `actor_name` text;--> statement-breakpoint
UPDATE `audit_log` SET `actor_name` = (SELECT `name` FROM `users` WHERE `users`.`id` = `audit_log`.`actor_id`) WHERE `actor_id` IS NOT NULL;
