"""The artifacts that flow through the pipeline, one module each, as frozen dataclasses."""
