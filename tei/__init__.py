"""TEI P5 encoding and validation pipeline for diplomatic correspondence."""
__version__ = "0.1.0"
