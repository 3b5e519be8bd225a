// Web import jobs and the one import that may run: kept in Neo4j so every app host sees them.
CREATE CONSTRAINT import_job_id IF NOT EXISTS FOR (n:ImportJob) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT import_lock_key IF NOT EXISTS FOR (n:ImportLock) REQUIRE n.key IS UNIQUE;
