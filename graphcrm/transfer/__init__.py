"""Data in and out: the Salesforce import, the lossless JSON backup, GraphML/GEXF/CSV exports, the
standalone HTML view, web uploads and background import jobs."""

# upload is the jobs' helper.
__all__ = ["backup", "graph_files", "graph_html", "jobs", "salesforce", "vcard"]
