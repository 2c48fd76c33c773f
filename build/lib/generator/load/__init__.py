"""Load: YAML bytes → plain data plus a map from JSON pointer to line and column.

Safe YAML 1.2 scalars, no duplicate keys or tags, bounded size, depth and aliases.
"""
