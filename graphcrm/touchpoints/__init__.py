"""Touchpoints: logged activities, KPI targets, the stale report, relationship strength."""

__all__ = ["activities", "reports", "strength", "targets"]
