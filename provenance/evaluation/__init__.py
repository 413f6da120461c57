"""Evaluations of the pipeline against the shared corpora."""
