"""Touchpoints: logged activities, KPI targets, the stale report, relationship strength."""
