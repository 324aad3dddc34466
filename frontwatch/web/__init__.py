"""A minimal, read-only web page over the store: an events table and an offline SVG map."""
