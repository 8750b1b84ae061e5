"""What looks across documents: consolidation of entities and stories."""
