ALTER TABLE "lead_import_mappings" DROP CONSTRAINT "lead_import_mappings_tenant_id_header_pk";--> statement-breakpoint
ALTER TABLE "lead_import_mappings" ADD COLUMN "object" text DEFAULT 'lead' NOT NULL;--> statement-breakpoint
ALTER TABLE "lead_import_mappings" ADD CONSTRAINT "lead_import_mappings_tenant_id_object_header_pk" PRIMARY KEY("tenant_id","object","header");--> statement-breakpoint
ALTER TABLE "lead_imports" ADD COLUMN "object" text DEFAULT 'lead' NOT NULL;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "custom" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "customers_at_risk_idx" ON "customers" USING btree ("tenant_id",coalesce("health_score", 101),"id") WHERE "customers"."at_risk";--> statement-breakpoint
CREATE INDEX "leads_custom_idx" ON "leads" USING gin ("custom" jsonb_path_ops);