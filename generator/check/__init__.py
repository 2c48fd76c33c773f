"""Check: loaded data → problems (the JSON Schema, then MODEL.md's semantic checks),
for one document, a file or a folder of them; and what countries and subdivisions are
called, which the importer reads a list's places by and a problem's advice names."""
