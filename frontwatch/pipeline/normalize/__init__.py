"""Pipeline stage: normalize."""
