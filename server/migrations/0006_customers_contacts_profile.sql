CREATE TABLE "customer_tags" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"color" text DEFAULT 'default' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_tags_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "customer_tags" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "department" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "phones" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "emails" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "wechat" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "preferences" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "role" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "attitude" text DEFAULT 'unknown' NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "reports_to_id" uuid;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "tags" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "last_activity_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "legal_name" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "legal_name_norm" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "credit_code" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "tax_id" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "parent_id" uuid;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "tags" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "shared_with" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "lifecycle_stage" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "tier" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "last_activity_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "customer_tags" ADD CONSTRAINT "customer_tags_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "customer_tags_name_uq" ON "customer_tags" USING btree ("tenant_id",lower("name"));--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_tenant_id_reports_to_id_contacts_tenant_id_id_fk" FOREIGN KEY ("tenant_id","reports_to_id") REFERENCES "public"."contacts"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_tenant_id_parent_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","parent_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contacts_created_idx" ON "contacts" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "contacts_reports_to_idx" ON "contacts" USING btree ("tenant_id","reports_to_id");--> statement-breakpoint
CREATE INDEX "contacts_tags_idx" ON "contacts" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "contacts_search_idx" ON "contacts" USING gin ((coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(phone, '') || ' ' || coalesce(phone_norm, '') || ' ' || coalesce(wechat, '')) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customers_legal_name_norm_idx" ON "customers" USING btree ("tenant_id","legal_name_norm");--> statement-breakpoint
CREATE INDEX "customers_credit_code_idx" ON "customers" USING btree ("tenant_id","credit_code");--> statement-breakpoint
CREATE INDEX "customers_team_idx" ON "customers" USING btree ("tenant_id","team_id");--> statement-breakpoint
CREATE INDEX "customers_parent_idx" ON "customers" USING btree ("tenant_id","parent_id");--> statement-breakpoint
CREATE INDEX "customers_created_idx" ON "customers" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "customers_updated_idx" ON "customers" USING btree ("tenant_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "customers_sort_name_idx" ON "customers" USING btree ("tenant_id",lower("name"),"id");--> statement-breakpoint
CREATE INDEX "customers_last_activity_idx" ON "customers" USING btree ("tenant_id",coalesce("last_activity_at", '-infinity'::timestamptz),"id");--> statement-breakpoint
CREATE INDEX "customers_tags_idx" ON "customers" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "customers_shared_idx" ON "customers" USING gin ("shared_with");--> statement-breakpoint
CREATE INDEX "customers_search_idx" ON "customers" USING gin ((coalesce(name, '') || ' ' || coalesce(legal_name, '') || ' ' || coalesce(credit_code, '') || ' ' || coalesce(tax_id, '') || ' ' || coalesce(phone, '') || ' ' || coalesce(phone_norm, '')) gin_trgm_ops);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "customer_tags" AS PERMISSIVE FOR ALL TO public USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);