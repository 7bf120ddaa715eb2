"""The pipeline's stages, in order: ingest → segment → candidates → align → judge → report."""
