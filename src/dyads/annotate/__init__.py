"""Annotating one document: the pipeline, its components (who, when, said, what) and the engines that run it."""
