"""Item pipeline stages, one concern per module: normalise -> store file -> extract -> record."""
