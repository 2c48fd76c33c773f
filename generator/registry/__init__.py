"""Registry: all disclosures → cross-company indexes: entities recognised across firms,
regions, watchlist matches, completeness against profiles."""
