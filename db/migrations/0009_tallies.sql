CREATE TABLE `run_tallies` (
	`day` integer NOT NULL,
	`sop_id` text NOT NULL,
	`version_id` integer NOT NULL,
	`tally` text NOT NULL,
	`starts` text NOT NULL,
	`detail` text NOT NULL,
	PRIMARY KEY(`day`, `sop_id`, `version_id`)
);
--> statement-breakpoint
CREATE INDEX `run_tallies_sop_day_idx` ON `run_tallies` (`sop_id`,`day`);--> statement-breakpoint
CREATE TABLE `tally_days` (
	`day` integer PRIMARY KEY NOT NULL,
	`built_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `run_facts` ADD `step_index` integer;--> statement-breakpoint
CREATE INDEX `run_facts_agent_started_idx` ON `run_facts` (`agent_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `run_facts_open_idx` ON `run_facts` (`started_at`) WHERE status = 'active';--> statement-breakpoint
UPDATE `run_facts` SET `step_index` = (SELECT `current_step_index` FROM `runs` WHERE `runs`.`id` = `run_facts`.`run_id`);--> statement-breakpoint
CREATE TRIGGER `run_facts_tally_insert` AFTER INSERT ON `run_facts` BEGIN
	DELETE FROM `tally_days` WHERE `day` = NEW.`started_at` / 86400000;
END;--> statement-breakpoint
CREATE TRIGGER `run_facts_tally_update` AFTER UPDATE ON `run_facts` BEGIN
	DELETE FROM `tally_days` WHERE `day` IN (OLD.`started_at` / 86400000, NEW.`started_at` / 86400000);
END;--> statement-breakpoint
CREATE TRIGGER `run_facts_tally_delete` AFTER DELETE ON `run_facts` BEGIN
	DELETE FROM `tally_days` WHERE `day` = OLD.`started_at` / 86400000;
END;
