DROP INDEX "quote_lines_quote_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "quote_lines_position_uq" ON "quote_lines" USING btree ("tenant_id","quote_id","position");