"""Reading sources and cleaning pages: from files, feeds and dumps to clean Documents."""
