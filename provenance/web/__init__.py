"""Server-side pages of the Datasette plugin: quote lineage, outlets, the story timeline."""
