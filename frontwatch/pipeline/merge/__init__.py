"""Pipeline stage: merging reports of one event across sources, and near-duplicate documents."""
