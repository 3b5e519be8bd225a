"""The Salesforce import: a folder of export CSVs, checked whole, then written in batches (import_salesforce)."""
