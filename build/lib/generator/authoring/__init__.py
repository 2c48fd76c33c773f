"""Authoring: people's files → disclosures and back: starter files, spreadsheets in (import)
and out (export), YAML written back with comments and key order kept."""
