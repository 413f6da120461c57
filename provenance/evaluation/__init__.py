"""Evaluations of the analysis stages against gold corpora (PolNeAR quotes and speakers)."""
