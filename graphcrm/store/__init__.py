"""The store: the one owner of the Neo4j driver (db), the managed local Neo4j (localdb, launcher),
bulk write pipelines, and every Cypher statement (cypher/<area>/<name>.cypher)."""

__all__ = ["codec", "db", "localdb", "pipeline", "values"]
