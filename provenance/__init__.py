"""Quote provenance: trace quotes in the news back to the outlet that had them first-hand."""

__version__ = "0.1.0"
