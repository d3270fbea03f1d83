-- Tenancy wall (0200_access.sql) for the register's tables, in a file of its own so that
-- databases which already applied 0300_deliberations.sql receive it too.
SELECT vigie_enable_tenant_rls('deliberation_landlords');
SELECT vigie_enable_tenant_rls('deliberation_instances');
SELECT vigie_enable_tenant_rls('deliberation_members');
SELECT vigie_enable_tenant_rls('deliberation_member_instances');
SELECT vigie_enable_tenant_rls('deliberation_sessions');
SELECT vigie_enable_tenant_rls('deliberation_attendance');
SELECT vigie_enable_tenant_rls('deliberation_items');
SELECT vigie_enable_tenant_rls('deliberation_item_attendance');
SELECT vigie_enable_tenant_rls('deliberation_stand_asides');
SELECT vigie_enable_tenant_rls('deliberation_ballots');
SELECT vigie_enable_tenant_rls('deliberation_links');
