// Activity.at and (kind, at) were indexed by databases made before 2026-11-28. No statement seeks them:
// activities are reached from their person, account or user, and periods filter what that expansion
// finds. Each index still cost every logged or imported activity a write, a fifth of a large import's
// time, so they are dropped.
DROP INDEX activity_at IF EXISTS;
DROP INDEX activity_kind_at IF EXISTS;
