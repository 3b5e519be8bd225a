"""The org's setup objects an export may hold: what its stages and member statuses mean.

OpportunityStage says of each stage whether it is closed and won, its probability and forecast
category; CampaignMemberStatus says which statuses count as a response. Both are read before the
records, so a deal's flags and a member's "responded" follow the org's own configuration.
"""
from __future__ import annotations

from graphcrm.i18n import _
from graphcrm.transfer.salesforce import values as v
from graphcrm.transfer.salesforce.csvfiles import CsvFile
from graphcrm.transfer.salesforce.report import Report

FILES = {"OpportunityStage": ("OpportunityStage.csv",), "CampaignMemberStatus": ("CampaignMemberStatus.csv",)}


def read_stages(csv: CsvFile, report: Report) -> dict[str, dict]:
    """Stage name -> {"is_closed", "is_won", "probability", "forecast_category"}, from OpportunityStage."""
    stages: dict[str, dict] = {}
    for line, row in csv.rows():
        name = row.get("masterlabel") or row.get("apiname")
        if not name:
            report.warn(csv.name, line, "MasterLabel: " + _("empty; the stage is not read"))
            continue
        try:
            meta = {"is_closed": v.boolean(row, "isclosed"), "is_won": v.boolean(row, "iswon"),
                    "probability": v.number(row, "defaultprobability", lo=0, hi=100),
                    "forecast_category": row.get("forecastcategoryname") or row.get("forecastcategory") or None}
        except v.RowError as exc:
            report.warn(csv.name, line, _("%(problem)s; the stage is not read", problem=csv.column(exc.reason)))
            continue
        if meta["probability"] is not None:
            meta["probability"] = round(meta["probability"])
        stages[name] = {k: val for k, val in meta.items() if val is not None}
        if row.get("apiname") and row["apiname"] != name:
            stages.setdefault(row["apiname"], stages[name])
    return stages


def read_member_statuses(csv: CsvFile, report: Report) -> dict[str, bool]:
    """Member status label -> whether it counts as a response, from CampaignMemberStatus."""
    responded: dict[str, bool] = {}
    for line, row in csv.rows():
        label = row.get("label")
        if not label:
            continue
        try:
            flag = v.boolean(row, "hasresponded")
        except v.RowError as exc:
            report.warn(csv.name, line, csv.column(exc.reason))
            continue
        # Statuses are per campaign; a label that is a response anywhere counts as one.
        responded[label] = responded.get(label, False) or bool(flag)
    return responded
