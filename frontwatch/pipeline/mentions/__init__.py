"""Pipeline stage: mentions."""
