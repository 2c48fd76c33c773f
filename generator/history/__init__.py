"""History: git → versions of each disclosure → semantic changes per company
("supplier X added", "audit planned → completed"), withdrawn companies kept."""
