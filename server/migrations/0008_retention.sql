CREATE TABLE "customer_churns" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"competitor" text,
	"note" text DEFAULT '' NOT NULL,
	"win_back_tasks" integer DEFAULT 0 NOT NULL,
	"survey_sent_to" text,
	"churned_by" uuid,
	"churned_at" timestamp (3) with time zone NOT NULL,
	"reactivated_at" timestamp (3) with time zone,
	"reactivation_reason" text,
	CONSTRAINT "customer_churns_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "customer_churns" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "customer_retention" (
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"recency" smallint DEFAULT 0 NOT NULL,
	"frequency" smallint DEFAULT 0 NOT NULL,
	"monetary" smallint DEFAULT 0 NOT NULL,
	"won_deals" integer DEFAULT 0 NOT NULL,
	"won_amount_minor" bigint DEFAULT 0 NOT NULL,
	"last_won_at" timestamp (3) with time zone,
	"tier" text,
	"lifecycle" text,
	"lifecycle_reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"stage" text,
	"stage_since" timestamp (3) with time zone,
	"override_stage" text,
	"override_reason" text,
	"override_by" uuid,
	"override_at" timestamp (3) with time zone,
	"checklist_done" text[] DEFAULT '{}'::text[] NOT NULL,
	"health_score" integer,
	"health_signals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"at_risk" boolean DEFAULT false NOT NULL,
	"follow_up_task_id" uuid,
	"computed_at" timestamp (3) with time zone,
	CONSTRAINT "customer_retention_tenant_id_customer_id_pk" PRIMARY KEY("tenant_id","customer_id")
);
--> statement-breakpoint
ALTER TABLE "customer_retention" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "retention_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"rules" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "retention_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "health_score" integer;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "at_risk" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "deals" ADD COLUMN "closed_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "customer_churns" ADD CONSTRAINT "customer_churns_tenant_id_customer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_churns" ADD CONSTRAINT "customer_churns_tenant_id_churned_by_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","churned_by") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_retention" ADD CONSTRAINT "customer_retention_tenant_id_customer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_retention" ADD CONSTRAINT "customer_retention_tenant_id_override_by_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","override_by") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_settings" ADD CONSTRAINT "retention_settings_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_churns_customer_idx" ON "customer_churns" USING btree ("tenant_id","customer_id","churned_at");--> statement-breakpoint
CREATE INDEX "customers_health_idx" ON "customers" USING btree ("tenant_id",coalesce("health_score", 101),"id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "customer_churns" AS PERMISSIVE FOR ALL TO public USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "customer_retention" AS PERMISSIVE FOR ALL TO public USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "retention_settings" AS PERMISSIVE FOR ALL TO public USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);