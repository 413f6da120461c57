"""Getting articles: fetching, feeds, sitemaps, WARC and file imports, HTML -> article."""
