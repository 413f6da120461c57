"""One module per schema version: `mNNNN_name.py` with VERSION, DESCRIPTION and apply(db)."""
