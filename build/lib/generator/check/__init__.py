"""Check: loaded data → problems (the JSON Schema, then MODEL.md's semantic checks),
for one document, a file or a folder of them."""
