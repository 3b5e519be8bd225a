"""Imports: Salesforce export folders (`salesforce.import_salesforce`) and JSON backups (`backup`)."""
