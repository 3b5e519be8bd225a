"""Records of the graph model: create, read, update, delete and list (crud), typed relationships,
full-text search, and signed list cursors (paging)."""

__all__ = ["crud", "paging", "relationships", "search"]
