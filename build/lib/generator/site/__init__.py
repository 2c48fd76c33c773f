"""Site: registry and history → pages (jinja2 → HTML fragments), shell-filled bulk pages,
JSON and CSV exports, Atom feeds, and the atomic publish of the built folder."""
