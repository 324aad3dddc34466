"""Command-line interface: one thin command per verb over importable library functions."""
